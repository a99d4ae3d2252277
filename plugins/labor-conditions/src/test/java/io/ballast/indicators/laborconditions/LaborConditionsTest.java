package io.ballast.indicators.laborconditions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.ballast.api.Indicator;
import io.ballast.api.InputSpec;
import io.ballast.api.MissingDataException;
import io.ballast.api.Role;
import io.ballast.testkit.TestContext;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class LaborConditionsTest {

    private static final String UNEMPLOYMENT = "SL.UEM.TOTL.ZS";
    private static final String YOUTH = "SL.UEM.1524.ZS";
    private static final String VULNERABLE = "SL.EMP.VULN.ZS";
    private static final String OUTPUT = "SL.GDP.PCAP.EM.KD";
    private static final String PARTICIPATION = "SL.TLF.CACT.ZS";

    private final LaborConditions indicator = new LaborConditions();

    /** China (WDI, modelled ILO estimates), 2018 and 2022. */
    private TestContext.Builder china(int year) {
        return TestContext.of("CHN", year).defaultsOf(indicator.descriptor())
                .value(UNEMPLOYMENT, 2018, 4.31).value(YOUTH, 2018, 9.71).value(VULNERABLE, 2018, 42.9)
                .value(OUTPUT, 2018, 28_600).value(PARTICIPATION, 2018, 67.8)
                .value(UNEMPLOYMENT, 2022, 4.98).value(YOUTH, 2022, 14.8).value(VULNERABLE, 2022, 41.8)
                .value(OUTPUT, 2022, 34_600).value(PARTICIPATION, 2022, 66.9);
    }

    @Test
    void descriptorDeclaresThreeVulnerabilitiesAndTwoCapacities() {
        var descriptor = indicator.descriptor();

        assertThat(descriptor.id()).isEqualTo("labor-conditions");
        assertThat(descriptor.inputs()).containsExactly(UNEMPLOYMENT, YOUTH, VULNERABLE, OUTPUT, PARTICIPATION);
        assertThat(descriptor.basket()).extracting(InputSpec::role).containsExactly(
                Optional.of(Role.VULNERABILITY), Optional.of(Role.VULNERABILITY), Optional.of(Role.VULNERABILITY),
                Optional.of(Role.CAPACITY), Optional.of(Role.CAPACITY));
    }

    @Test
    void serviceLoaderFindsThePlugin() {
        var found = ServiceLoader.load(Indicator.class).stream()
                .filter(p -> p.type() == LaborConditions.class).map(ServiceLoader.Provider::get).toList();

        assertThat(found).singleElement().extracting(i -> i.descriptor().id()).isEqualTo("labor-conditions");
    }

    @Test
    void china2022ScoresFromJoblessnessPrecariousWorkOutputAndParticipation() {
        // unemployment 4.98 in [2, 15], lower is better: 77.0769231; youth 14.8 in [5, 35]: 67.3333333;
        // vulnerable employment 41.8 in [0, 100]: 58.2; output per worker log10(34,600) in
        // [log10 5,000, log10 200,000]: 52.4391158; participation 66.9 in [40, 80]: 67.25
        // 0.3 * 77.0769231 + 0.25 * 67.3333333 + 0.125 * 58.2 + 0.125 * 52.4391158 + 0.2 * 67.25 = 67.2362997
        // (vulnerable employment and output per worker share the weight of one input: they measure one dimension)
        assertThat(indicator.measure(china(2022).build()).score()).isCloseTo(67.2362997, within(1e-6));
    }

    @Test
    void chinasLaborConditionsFellFrom2018To2022AsYouthUnemploymentRose() {
        // 2018: 72.6912787; youth unemployment 9.71 -> 14.8 % outweighs better output per worker
        assertThat(indicator.measure(china(2018).build()).score()).isCloseTo(72.6912787, within(1e-6));
        assertThat(indicator.measure(china(2022).build()).score()).isLessThan(
                indicator.measure(china(2018).build()).score());
    }

    @Test
    void unemploymentAloneIsNotALaborConditionsReading() {
        // 30 % of the weight: the v1 indicator scored this; v2 says there is too little to go on
        assertThatThrownBy(() -> indicator.measure(TestContext.of("DEU", 2022).defaultsOf(indicator.descriptor())
                .value(UNEMPLOYMENT, 3.1).build()))
                .isInstanceOf(MissingDataException.class).hasMessageContaining("30% of its input weight");
    }

    @Test
    void moreJoblessnessNeverRaisesTheScoreAndMoreOutputNeverLowersIt() {
        double base = indicator.measure(china(2022).build()).score();
        assertThat(indicator.measure(china(2022).value(UNEMPLOYMENT, 2022, 6).build()).score()).isLessThan(base);
        assertThat(indicator.measure(china(2022).value(YOUTH, 2022, 20).build()).score()).isLessThan(base);
        assertThat(indicator.measure(china(2022).value(VULNERABLE, 2022, 50).build()).score()).isLessThan(base);
        assertThat(indicator.measure(china(2022).value(OUTPUT, 2022, 40_000).build()).score()).isGreaterThan(base);
        assertThat(indicator.measure(china(2022).value(PARTICIPATION, 2022, 70).build()).score())
                .isGreaterThan(base);
    }
}
