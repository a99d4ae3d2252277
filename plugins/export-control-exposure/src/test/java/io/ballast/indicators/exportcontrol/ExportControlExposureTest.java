package io.ballast.indicators.exportcontrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ballast.api.Component;
import io.ballast.api.Indicator;
import io.ballast.api.InputSpec;
import io.ballast.api.PolicyEvent;
import io.ballast.api.Role;
import io.ballast.testkit.TestContext;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ExportControlExposureTest {

    private static final String ICT = "TM.VAL.ICTG.ZS.UN";
    private static final String MANUFACTURES = "TM.VAL.MANF.ZS.UN";

    private final ExportControlExposure indicator = new ExportControlExposure();

    private static PolicyEvent event(String date, String type, String direction, String scope, Integer entities) {
        return new PolicyEvent(date + "-" + type, LocalDate.parse(date), "USA", List.of("CHN"), type, direction, scope,
                entities == null ? OptionalInt.empty() : OptionalInt.of(entities), "An action");
    }

    private static double severity(PolicyEvent event) {
        return ControlPressure.severity(event, Map.of());
    }

    /** China's import shares (WDI) and three actions: 2019 Huawei listing (69), 2020 rule, 2022 October rule. */
    private TestContext.Builder china(int year) {
        return TestContext.of("CHN", year).defaultsOf(indicator.descriptor())
                .value(ICT, 2021, 23.7).value(MANUFACTURES, 2021, 55.7).value(MANUFACTURES, 2022, 51.5)
                .event(event("2019-05-16", "entity-listing", "tighten", "targeted", 69))
                .event(event("2020-06-29", "country-rule", "tighten", "targeted", null))
                .event(event("2022-10-07", "country-rule", "tighten", "targeted", null));
    }

    @Test
    void descriptorDeclaresStructuralDependenceAndControlPressureAsVulnerabilities() {
        var descriptor = indicator.descriptor();

        assertThat(descriptor.id()).isEqualTo("export-control-exposure");
        assertThat(descriptor.inputs()).containsExactly(ICT, MANUFACTURES);
        assertThat(descriptor.basket()).extracting(InputSpec::key)
                .containsExactly("ict-imports", "manufactures-imports", "control-pressure");
        assertThat(descriptor.basket()).extracting(InputSpec::role).containsOnly(Optional.of(Role.VULNERABILITY));
        assertThat(descriptor.parameters()).extracting(p -> p.name()).contains("severity.country-rule",
                "severity.entity-cap", "control-pressure.upper");
    }

    @Test
    void serviceLoaderFindsThePlugin() {
        var found = ServiceLoader.load(Indicator.class).stream()
                .filter(p -> p.type() == ExportControlExposure.class).map(ServiceLoader.Provider::get).toList();

        assertThat(found).singleElement().extracting(i -> i.descriptor().id()).isEqualTo("export-control-exposure");
    }

    @Test
    void aSweepingCountryRuleWeighsMoreThanAHandfulOfEntityListings() {
        assertThat(severity(event("2022-10-07", "country-rule", "tighten", "targeted", null))).isEqualTo(10);
        // 1 + 2 log10(1 + n): 6 entities 2.69, 69 entities 4.69, 140 entities 5.30; never above 6
        assertThat(severity(event("2024-04-11", "entity-listing", "tighten", "targeted", 6)))
                .isCloseTo(2.690196, within(1e-6));
        assertThat(severity(event("2019-05-16", "entity-listing", "tighten", "targeted", 69)))
                .isCloseTo(4.690196, within(1e-6));
        assertThat(severity(event("2024-12-02", "entity-listing", "tighten", "targeted", 140)))
                .isCloseTo(5.298438, within(1e-6));
        assertThat(severity(event("2024-12-02", "entity-listing", "tighten", "targeted", 100_000))).isEqualTo(6);
        assertThat(severity(event("2025-09-29", "entity-listing", "tighten", "targeted", null))).isEqualTo(2);
        assertThat(severity(event("2023-07-23", "product-control", "tighten", "targeted", null))).isEqualTo(6);
        assertThat(severity(event("2023-08-01", "product-control", "tighten", "all-importers", null))).isEqualTo(3);
        assertThat(severity(event("2019-08-28", "white-list-removal", "tighten", "targeted", null))).isEqualTo(6);
        assertThat(severity(event("2020-12-01", "framework-law", "tighten", "all-destinations", null))).isZero();
        assertThat(severity(event("2020-04-17", "investment-screening", "tighten", "targeted", null))).isZero();
    }

    @Test
    void controlsAccumulateAndARelaxationOrSuspensionTakesItsSeverityOffAgain() {
        var context = TestContext.of("KOR", 2023).defaultsOf(indicator.descriptor())
                .value(ICT, 15.3).value(MANUFACTURES, 55.9)
                .event(event("2019-07-04", "product-control", "tighten", "targeted", null))
                .event(event("2019-08-28", "white-list-removal", "tighten", "targeted", null))
                .event(event("2023-03-16", "product-control", "relax", "targeted", null))
                .event(event("2023-07-21", "white-list-restoration", "relax", "targeted", null)).build();

        assertThat(new ControlPressure().read(context, 2019).getAsDouble()).isEqualTo(12);
        assertThat(new ControlPressure().read(context, 2022).getAsDouble()).isEqualTo(12);
        assertThat(new ControlPressure().read(context, 2023).getAsDouble()).isZero();
        // never below zero, even when a relaxation is recorded without the tightening it undoes
        var relaxOnly = TestContext.of("KOR", 2023).event(event("2023-03-16", "product-control", "relax", "targeted",
                null)).build();
        assertThat(new ControlPressure().read(relaxOnly, 2023).getAsDouble()).isZero();
    }

    @Test
    void china2022ScoresOnTheSameThreeInputsAsEveryOtherYear() {
        // ICT 23.7 (2021, carried one year) in [0, 50], lower is better: 52.6;
        // manufactures 51.5 (2022) in [0, 100]: 48.5;
        // controls in force at the end of 2022: 4.690196 + 10 + 10 = 24.690196 in [0, 100]: 75.309804
        // 0.25 * 52.6 + 0.25 * 48.5 + 0.5 * 75.309804 = 13.15 + 12.125 + 37.654902 = 62.929902
        var reading = indicator.measure(china(2022).build());

        assertThat(reading.score()).isCloseTo(62.929902, within(1e-6));
        assertThat(reading.components()).extracting(Component::key)
                .containsExactly("ict-imports", "manufactures-imports", "control-pressure");
        // 2021 uses the same three inputs: the October 2022 rule lowers the score, it does not raise it
        var y2021 = indicator.measure(china(2021).build());
        assertThat(y2021.components()).extracting(Component::key)
                .containsExactly("ict-imports", "manufactures-imports", "control-pressure");
        assertThat(reading.score()).isLessThan(y2021.score());
    }

    @Test
    void aYearsControlsIgnoreActionsDatedLater() {
        var before = indicator.measure(china(2021).build());
        var withLater = indicator.measure(china(2021).event(event("2023-10-17", "country-rule", "tighten", "targeted",
                13)).build());

        assertThat(withLater.score()).isEqualTo(before.score());
    }
}
