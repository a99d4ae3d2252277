package io.ballast.indicators.foreigninvestment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.ballast.api.Component;
import io.ballast.api.Indicator;
import io.ballast.api.IndicatorReading;
import io.ballast.api.InputSpec;
import io.ballast.api.MissingDataException;
import io.ballast.api.Parameter;
import io.ballast.api.Role;
import io.ballast.testkit.TestContext;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class ForeignInvestmentTest {

    private static final String FDI = "BX.KLT.DINV.WD.GD.ZS";

    private final ForeignInvestment indicator = new ForeignInvestment();

    /** China: FDI net inflows, % of GDP, 2016-2024 (WDI 2026-04-08, rounded). */
    private TestContext.Builder china(int period) {
        return TestContext.of("CHN", period).defaultsOf(indicator.descriptor())
                .value(FDI, 2016, 1.53).value(FDI, 2017, 1.32).value(FDI, 2018, 1.66).value(FDI, 2019, 1.29)
                .value(FDI, 2020, 1.69).value(FDI, 2021, 1.89).value(FDI, 2022, 1.04).value(FDI, 2023, 0.28)
                .value(FDI, 2024, 0.10);
    }

    @Test
    void descriptorDeclaresTwoCapacitiesReadFromFdi() {
        var descriptor = indicator.descriptor();

        assertThat(descriptor.id()).isEqualTo("foreign-investment");
        assertThat(descriptor.version()).isEqualTo("2.0.0");
        assertThat(descriptor.inputs()).containsExactly(FDI);
        assertThat(descriptor.parameters()).extracting(Parameter::name).containsExactly(
                "fdi.lower", "fdi.upper", "fdi.weight", "fdi-trend.lower", "fdi-trend.upper", "fdi-trend.weight");
        assertThat(descriptor.basket()).extracting(InputSpec::key, InputSpec::role)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("fdi", Optional.of(Role.CAPACITY)),
                        org.assertj.core.groups.Tuple.tuple("fdi-trend", Optional.of(Role.CAPACITY)));
    }

    @Test
    void serviceLoaderFindsThePlugin() {
        var found = ServiceLoader.load(Indicator.class).stream()
                .filter(p -> p.type() == ForeignInvestment.class).map(ServiceLoader.Provider::get).toList();

        assertThat(found).singleElement().extracting(i -> i.descriptor().id()).isEqualTo("foreign-investment");
    }

    @Test
    void china2023ReadsTheThreeYearMeanAndItsDirection() {
        // mean 2021-2023 (1.89 + 1.04 + 0.28) / 3 = 1.07 -> 1.07 / 5 * 100 = 21.4
        // its change on the mean of 2018-2020 (1.66 + 1.29 + 1.69) / 3 = 1.546667: -0.476667 -> 1.523333 / 4 * 100
        //   = 38.083333
        // 0.6 * 21.4 + 0.4 * 38.083333 = 12.84 + 15.233333 = 28.073333
        IndicatorReading reading = indicator.measure(china(2023).build());

        assertThat(reading.score()).isCloseTo(28.073333, within(1e-6));
        assertThat(reading.coverage()).isEqualTo(1.0);
        assertThat(reading.components()).extracting(Component::raw).satisfiesExactly(
                v -> assertThat(v).isCloseTo(1.07, within(1e-9)),
                v -> assertThat(v).isCloseTo(-0.476667, within(1e-6)));
    }

    @Test
    void oneYearsDealDoesNotSwingTheScoreAsASingleYearsFlowWould() {
        // a one-off 4 % of GDP inflow in 2023 moves the 3-year mean by (4 - 0.28) / 3 = 1.24 points, not 3.72
        double usual = indicator.measure(china(2023).build()).score();
        double oneOff = indicator.measure(china(2023).value(FDI, 2023, 4.0).build()).score();

        assertThat(oneOff - usual).isCloseTo(0.6 * 1.24 / 5 * 100 + 0.4 * 1.24 / 4 * 100, within(1e-6));
    }

    @Test
    void china2021And2024BracketTheCollapse() {
        // 2021: mean 1.623333 -> 32.466667; change on 2016-2018 (1.503333) 0.12 -> 53; 19.48 + 21.2 = 40.68
        // 2024: mean 0.473333 -> 9.466667; change on 2019-2021 (1.623333) -1.15 -> 21.25; 5.68 + 8.5 = 14.18
        assertThat(indicator.measure(china(2021).build()).score()).isCloseTo(40.68, within(1e-6));
        assertThat(indicator.measure(china(2024).build()).score()).isCloseTo(14.18, within(1e-6));
    }

    @Test
    void explanationNamesTheDirectionOfInflowsAsWhatMovedMost() {
        // since 2022 (mean 1.54 -> 30.8, change 0.116667 -> 52.916667): level 0.6 * (21.4 - 30.8) = -5.64,
        // direction 0.4 * (38.083333 - 52.916667) = -5.933333: the direction moved most
        assertThat(indicator.measure(china(2023).build()).explanation()).isEqualTo("Foreign investment scores 28.1 in "
                + "2023, moved most by Change in the 3-year mean of FDI net inflows over 3 years, points of GDP, "
                + "which fell from 0.12 to -0.48 since 2022.");
    }

    @Test
    void aYearWithoutItsOwnValueCarriesTheLastOneForwardAndSaysSo() {
        var reading = indicator.measure(china(2025).build());

        assertThat(reading.score()).isCloseTo(14.18, within(1e-6));
        assertThat(reading.components()).extracting(Component::lag).containsExactly(1, 1);
        assertThat(reading.explanation()).contains("carried forward: FDI net inflows, % of GDP (3-year mean) from 2024");
    }

    @Test
    void withoutAYearOfTheWindowThereIsNoReadingRatherThanHalfOfOne() {
        // no 2019 value: neither the 2020-2022 mean's change (it needs 2017-2019) nor any year in reach has one,
        // and the level alone carries 60 % of the weight, below the 70 % a reading needs
        var context = china(2022).build().toBuilder().withoutSeries(FDI)
                .value(FDI, 2016, 1.53).value(FDI, 2017, 1.32).value(FDI, 2018, 1.66)
                .value(FDI, 2020, 1.69).value(FDI, 2021, 1.89).value(FDI, 2022, 1.04).build();

        assertThatThrownBy(() -> indicator.measure(context)).isInstanceOf(MissingDataException.class)
                .hasMessageContaining("60% of its input weight in 2022");
    }

    @Test
    void raisingThisYearsFdiNeverLowersTheScore() {
        assertMonotone(fdi -> indicator.measure(china(2023).value(FDI, 2023, fdi).build()).score(), true);
    }

    @Test
    void raisingFdiInTheBaseWindowNeverRaisesTheScore() {
        // 2020 is in the window the 2023 mean is compared with: a higher base means a worse direction
        assertMonotone(base -> indicator.measure(china(2023).value(FDI, 2020, base).build()).score(), false);
    }

    @Test
    void scoresStayWithinZeroAndHundredForExtremeInputs() {
        double[] extremes = {-1e9, -100, -5, 0, 0.5, 5, 100, 1e9};
        for (double now : extremes) {
            for (double base : extremes) {
                double score = indicator.measure(china(2023).value(FDI, 2023, now).value(FDI, 2020, base).build())
                        .score();
                assertThat(score).isBetween(0.0, 100.0);
            }
        }
    }

    /** Sweeps the raw value from -3 to 8 and checks the score moves one way only, and does move. */
    private static void assertMonotone(DoubleUnaryOperator scoreAt, boolean increasing) {
        double first = scoreAt.applyAsDouble(-3);
        double previous = first;
        for (double raw = -3; raw <= 8; raw += 0.125) {
            double score = scoreAt.applyAsDouble(raw);
            if (increasing) {
                assertThat(score).as("score at %s", raw).isGreaterThanOrEqualTo(previous - 1e-9);
            } else {
                assertThat(score).as("score at %s", raw).isLessThanOrEqualTo(previous + 1e-9);
            }
            previous = score;
        }
        assertThat(previous).as("the input must move the score").isNotCloseTo(first, within(1.0));
    }
}
