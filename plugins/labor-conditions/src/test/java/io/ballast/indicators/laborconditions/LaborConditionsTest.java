package io.ballast.indicators.laborconditions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.ballast.api.Component;
import io.ballast.api.Indicator;
import io.ballast.api.MissingDataException;
import io.ballast.api.Parameter;
import io.ballast.testkit.TestContext;
import java.util.ServiceLoader;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class LaborConditionsTest {

    private static final String UNEMPLOYMENT = "SL.UEM.TOTL.ZS";
    private static final String YOUTH = "SL.UEM.1524.ZS";
    private static final String URBAN = "BAL.UEM.URBAN";

    private final LaborConditions indicator = new LaborConditions();

    private TestContext.Builder context(String region, int year) {
        return TestContext.of(region, year).defaultsOf(indicator.descriptor());
    }

    private double score(double unemployment, double youth, double urban) {
        return indicator.measure(context("CHN", 2023)
                .value(UNEMPLOYMENT, unemployment).value(YOUTH, youth).value(URBAN, urban).build()).score();
    }

    @Test
    void descriptorIdIsTheModuleNameAndInputsAreTheThreeUnemploymentRates() {
        var descriptor = indicator.descriptor();

        assertThat(descriptor.id()).isEqualTo("labor-conditions");
        assertThat(descriptor.inputs()).containsExactly(UNEMPLOYMENT, YOUTH, URBAN);
        assertThat(descriptor.parameters()).extracting(Parameter::name).containsExactly(
                "unemployment.lower", "unemployment.upper", "unemployment.weight",
                "youth-unemployment.lower", "youth-unemployment.upper", "youth-unemployment.weight",
                "urban-unemployment.lower", "urban-unemployment.upper", "urban-unemployment.weight");
    }

    @Test
    void serviceLoaderFindsThePlugin() {
        var found = ServiceLoader.load(Indicator.class).stream()
                .filter(p -> p.type() == LaborConditions.class)
                .map(ServiceLoader.Provider::get)
                .toList();

        assertThat(found).hasSize(1);
        assertThat(found.get(0).descriptor().id()).isEqualTo("labor-conditions");
    }

    @Test
    void china2023ScoresFromAllThreeRates() {
        // unemployment 4.7 in [2, 15], lower is better: 100*(1 - 2.7/13) = 1030/13 = 79.2307692...
        // youth 15.9 in [5, 35]: 100*(1 - 10.9/30) = 191/3 = 63.6666667
        // urban 5.2 in [3, 10]: 100*(1 - 2.2/7) = 480/7 = 68.5714286
        // 0.40*1030/13 + 0.35*191/3 + 0.25*480/7 = 31.6923077 + 22.2833333 + 17.1428571 = 388307/5460 = 71.1184982
        var reading = indicator.measure(context("CHN", 2023)
                .value(UNEMPLOYMENT, 4.7).value(YOUTH, 15.9).value(URBAN, 5.2).build());

        assertThat(reading.score()).isCloseTo(388307.0 / 5460, within(1e-9));
        assertThat(reading.score()).isCloseTo(71.11849816849816, within(1e-9));
        assertThat(reading.coverage()).isCloseTo(1, within(1e-9));
        assertThat(reading.components()).extracting(Component::normalised).satisfiesExactly(
                v -> assertThat(v).isCloseTo(1030.0 / 13, within(1e-9)),
                v -> assertThat(v).isCloseTo(191.0 / 3, within(1e-9)),
                v -> assertThat(v).isCloseTo(480.0 / 7, within(1e-9)));
    }

    @Test
    void spain2023WithoutAnUrbanSurveyScoresOnTheIloRatesAlone() {
        // unemployment 12.2: 100*(1 - 10.2/13) = 280/13 = 21.5384615
        // youth 28.7: 100*(1 - 23.7/30) = 21
        // urban survey missing: (0.40*280/13 + 0.35*21) / 0.75 = (8.6153846 + 7.35) / 0.75 = 4151/195 = 21.2871795
        var reading = indicator.measure(context("ESP", 2023).value(UNEMPLOYMENT, 12.2).value(YOUTH, 28.7).build());

        assertThat(reading.score()).isCloseTo(4151.0 / 195, within(1e-9));
        assertThat(reading.coverage()).isCloseTo(0.75, within(1e-9));
        assertThat(reading.missing()).containsExactly(URBAN);
        assertThat(reading.explanation()).endsWith("; no data for BAL.UEM.URBAN.");
    }

    @Test
    void explanationNamesRisingYouthUnemployment() {
        // shifts since 2022: unemployment 4.98 -> 4.7: 0.40*(79.2308 - 77.0769) = +0.8615
        // youth 13.2 -> 15.9: 0.35*(63.6667 - 72.6667) = -3.15; urban 5.6 -> 5.2: 0.25*(68.5714 - 62.8571) = +1.4286
        var reading = indicator.measure(context("CHN", 2023)
                .value(UNEMPLOYMENT, 2022, 4.98).value(YOUTH, 2022, 13.2).value(URBAN, 2022, 5.6)
                .value(UNEMPLOYMENT, 4.7).value(YOUTH, 15.9).value(URBAN, 5.2).build());

        assertThat(reading.explanation()).isEqualTo("Labor conditions scores 71.1 in 2023, moved most by "
                + "Youth unemployment, % of labour force aged 15-24 (ILO model), which rose from 13.2 to 15.9 "
                + "since 2022.");
    }

    @Test
    void noDataAtAllIsAMissingDataException() {
        var onlyLastYear = context("CHN", 2023).value(UNEMPLOYMENT, 2022, 4.98).build();

        assertThatThrownBy(() -> indicator.measure(onlyLastYear)).isInstanceOf(MissingDataException.class);
    }

    @Test
    void raisingUnemploymentNeverRaisesTheScore() {
        assertMonotoneDecreasing(u -> score(u, 15.9, 5.2));
    }

    @Test
    void raisingYouthUnemploymentNeverRaisesTheScore() {
        assertMonotoneDecreasing(y -> score(4.7, y * 2, 5.2));
    }

    @Test
    void raisingUrbanUnemploymentNeverRaisesTheScore() {
        assertMonotoneDecreasing(u -> score(4.7, 15.9, u));
    }

    @Test
    void scoresStayWithinZeroAndHundredForExtremeInputs() {
        double[] extremes = {-1e9, -10, 0, 2, 5, 15, 35, 100, 1e9};
        for (double u : extremes) {
            for (double y : extremes) {
                for (double r : extremes) {
                    assertThat(score(u, y, r)).isBetween(0.0, 100.0);
                }
            }
        }
        assertThat(score(0, 0, 0)).isCloseTo(100, within(1e-9));
        assertThat(score(100, 100, 100)).isCloseTo(0, within(1e-9));
    }

    @Test
    void scoreOfAYearDoesNotChangeWhenTheNextYearArrives() {
        var builder = context("CHN", 2023)
                .value(UNEMPLOYMENT, 2022, 4.98).value(YOUTH, 2022, 13.2).value(URBAN, 2022, 5.6)
                .value(UNEMPLOYMENT, 4.7).value(YOUTH, 15.9).value(URBAN, 5.2);
        var before = indicator.measure(builder.build());

        var after = indicator.measure(builder
                .value(UNEMPLOYMENT, 2024, 4.6).value(YOUTH, 2024, 16.9).value(URBAN, 2024, 5.1).build());

        assertThat(after.score()).isEqualTo(before.score());
        assertThat(after.explanation()).isEqualTo(before.explanation());
    }

    /** Sweeps the raw value from 0 to 40 and checks the score never rises, and does fall. */
    private static void assertMonotoneDecreasing(DoubleUnaryOperator scoreAt) {
        double first = scoreAt.applyAsDouble(0);
        double previous = first;
        for (double raw = 0; raw <= 40; raw += 0.25) {
            double score = scoreAt.applyAsDouble(raw);
            assertThat(score).as("score at %s", raw).isLessThanOrEqualTo(previous);
            previous = score;
        }
        assertThat(previous).as("the input must move the score").isLessThan(first - 1);
    }
}
