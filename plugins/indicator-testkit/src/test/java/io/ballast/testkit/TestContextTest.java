package io.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import io.ballast.api.IndicatorDescriptor;
import io.ballast.api.Parameter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestContextTest {

    private static final String FDI = "BX.KLT.DINV.WD.GD.ZS";

    private static final IndicatorDescriptor DESCRIPTOR = new IndicatorDescriptor(
            "foreign-investment", "Foreign investment", "FDI inflows", "1.0.0", List.of(FDI),
            List.of(new Parameter("fdi.lower", 0, "lower goalpost"),
                    new Parameter("fdi.upper", 5, "upper goalpost"),
                    new Parameter("fdi.weight", 0.5, "weight")));

    @Test
    void holdsRegionAndPeriod() {
        var context = TestContext.of("CHN", 2023).build();

        assertThat(context.region()).isEqualTo("CHN");
        assertThat(context.period()).isEqualTo(2023);
    }

    @Test
    void returnsTheValuesGivenForEachYear() {
        var context = TestContext.of("CHN", 2023)
                .value(FDI, 2021, 1.89)
                .value(FDI, 2022, 1.04)
                .value(FDI, 0.28)
                .build();

        assertThat(context.value(FDI, 2021).getAsDouble()).isCloseTo(1.89, within(1e-9));
        assertThat(context.value(FDI, 2022).getAsDouble()).isCloseTo(1.04, within(1e-9));
        assertThat(context.value(FDI, 2023).getAsDouble()).isCloseTo(0.28, within(1e-9));
        assertThat(context.value(FDI).getAsDouble()).isCloseTo(0.28, within(1e-9));
    }

    @Test
    void aLaterValueForTheSameYearReplacesTheEarlierOne() {
        var context = TestContext.of("CHN", 2023).value(FDI, 1.0).value(FDI, 0.28).build();

        assertThat(context.value(FDI).getAsDouble()).isCloseTo(0.28, within(1e-9));
    }

    @Test
    void missingValuesAreEmpty() {
        var context = TestContext.of("CHN", 2023).value(FDI, 2022, 1.04).build();

        assertThat(context.value(FDI)).isEmpty();
        assertThat(context.value(FDI, 2019)).isEmpty();
        assertThat(context.value("NE.TRD.GNFS.ZS", 2022)).isEmpty();
    }

    @Test
    void defaultsOfFillsTheSettingsFromTheDescriptor() {
        var context = TestContext.of("CHN", 2023).defaultsOf(DESCRIPTOR).build();

        assertThat(context.settings())
                .containsOnly(entry("fdi.lower", 0.0), entry("fdi.upper", 5.0), entry("fdi.weight", 0.5));
        assertThat(context.setting("fdi.upper")).isCloseTo(5, within(1e-9));
    }

    @Test
    void anExplicitSettingWinsOverTheDefaultWhicheverComesFirst() {
        var settingFirst = TestContext.of("CHN", 2023).setting("fdi.upper", 8).defaultsOf(DESCRIPTOR).build();
        var defaultsFirst = TestContext.of("CHN", 2023).defaultsOf(DESCRIPTOR).setting("fdi.upper", 8).build();

        assertThat(settingFirst.setting("fdi.upper")).isCloseTo(8, within(1e-9));
        assertThat(defaultsFirst.setting("fdi.upper")).isCloseTo(8, within(1e-9));
        assertThat(settingFirst.setting("fdi.lower")).isCloseTo(0, within(1e-9));
    }

    @Test
    void anUndeclaredSettingIsRejected() {
        var context = TestContext.of("CHN", 2023).defaultsOf(DESCRIPTOR).build();

        assertThatThrownBy(() -> context.setting("trade.weight"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trade.weight");
    }

    @Test
    void atPeriodMovesToAnotherYearWithTheSameDataAndSettings() {
        var context = TestContext.of("CHN", 2023)
                .value(FDI, 2021, 1.89)
                .value(FDI, 0.28)
                .setting("fdi.weight", 0.7)
                .build();

        var earlier = context.atPeriod(2021);

        assertThat(earlier.period()).isEqualTo(2021);
        assertThat(earlier.region()).isEqualTo("CHN");
        assertThat(earlier.value(FDI).getAsDouble()).isCloseTo(1.89, within(1e-9));
        assertThat(earlier.value(FDI, 2023).getAsDouble()).isCloseTo(0.28, within(1e-9));
        assertThat(earlier.settings()).containsOnly(entry("fdi.weight", 0.7));
        assertThat(context.period()).isEqualTo(2023);
    }

    @Test
    void aBuiltContextIsNotChangedByLaterUseOfItsBuilder() {
        var builder = TestContext.of("CHN", 2023).value(FDI, 0.28).setting("fdi.weight", 0.5);
        var context = builder.build();

        builder.value(FDI, 9.9).value(FDI, 2024, 0.10).setting("fdi.weight", 0.9).setting("fdi.upper", 6);

        assertThat(context.value(FDI).getAsDouble()).isCloseTo(0.28, within(1e-9));
        assertThat(context.value(FDI, 2024)).isEmpty();
        assertThat(context.settings()).containsOnly(entry("fdi.weight", 0.5));
        assertThatThrownBy(() -> context.settings().put("x", 1.0)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void usesAFixedClock() {
        var context = TestContext.of("CHN", 2023).build();

        assertThat(context.clock().instant()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(context.clock()).isSameAs(TestContext.FIXED_CLOCK);
    }
}
