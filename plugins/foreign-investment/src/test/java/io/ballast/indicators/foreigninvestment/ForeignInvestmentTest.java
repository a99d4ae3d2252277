package io.ballast.indicators.foreigninvestment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ballast.api.Component;
import io.ballast.api.Indicator;
import io.ballast.api.IndicatorReading;
import io.ballast.api.Parameter;
import io.ballast.testkit.TestContext;
import java.util.ServiceLoader;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class ForeignInvestmentTest {

    private static final String FDI = "BX.KLT.DINV.WD.GD.ZS";
    private static final String TRADE = "NE.TRD.GNFS.ZS";

    private final ForeignInvestment indicator = new ForeignInvestment();

    /** China: FDI net inflows (% of GDP) 2018-2024 and trade (% of GDP) 2021-2024. */
    private TestContext.Builder china(int period) {
        return TestContext.of("CHN", period)
                .defaultsOf(indicator.descriptor())
                .value(FDI, 2018, 1.66)
                .value(FDI, 2019, 1.31)
                .value(FDI, 2020, 1.69)
                .value(FDI, 2021, 1.89)
                .value(FDI, 2022, 1.04)
                .value(FDI, 2023, 0.28)
                .value(FDI, 2024, 0.10)
                .value(TRADE, 2021, 37.4)
                .value(TRADE, 2022, 38.4)
                .value(TRADE, 2023, 37.3)
                .value(TRADE, 2024, 37.0);
    }

    @Test
    void descriptorIdIsTheModuleNameAndInputsAreFdiAndTrade() {
        var descriptor = indicator.descriptor();

        assertThat(descriptor.id()).isEqualTo("foreign-investment");
        assertThat(descriptor.inputs()).containsExactly(FDI, TRADE);
        assertThat(descriptor.parameters()).extracting(Parameter::name).containsExactly(
                "fdi.lower", "fdi.upper", "fdi.weight",
                "fdi-trend.lower", "fdi-trend.upper", "fdi-trend.weight",
                "trade.lower", "trade.upper", "trade.weight");
    }

    @Test
    void serviceLoaderFindsThePlugin() {
        var found = ServiceLoader.load(Indicator.class).stream()
                .filter(p -> p.type() == ForeignInvestment.class)
                .map(ServiceLoader.Provider::get)
                .toList();

        assertThat(found).hasSize(1);
        assertThat(found.get(0).descriptor().id()).isEqualTo("foreign-investment");
    }

    @Test
    void china2023ScoresLowAfterTheFdiCollapse() {
        // FDI 0.28 -> 0.28/5*100 = 5.6
        // 3-year change 0.28 - 1.69 (2020) = -1.41 -> (-1.41+2)/4*100 = 14.75
        // trade 37.3 -> (37.3-20)/80*100 = 21.625
        // 0.5*5.6 + 0.25*14.75 + 0.25*21.625 = 2.8 + 3.6875 + 5.40625 = 11.89375
        IndicatorReading reading = indicator.measure(china(2023).build());

        assertThat(reading.score()).isCloseTo(11.89375, within(1e-9));
        assertThat(reading.coverage()).isCloseTo(1, within(1e-9));
        assertThat(reading.missing()).isEmpty();
        assertThat(reading.components()).extracting(Component::normalised)
                .satisfiesExactly(
                        v -> assertThat(v).isCloseTo(5.6, within(1e-9)),
                        v -> assertThat(v).isCloseTo(14.75, within(1e-9)),
                        v -> assertThat(v).isCloseTo(21.625, within(1e-9)));
    }

    @Test
    void china2023ExplanationBlamesFallingFdi() {
        // shifts since 2022 (weight * change of normalised value):
        // FDI 0.5*(5.6 - 1.04/5*100) = 0.5*(5.6 - 20.8) = -7.6
        // trend 0.25*(14.75 - (1.04-1.31+2)/4*100) = 0.25*(14.75 - 43.25) = -7.125
        // trade 0.25*(21.625 - (38.4-20)/80*100) = 0.25*(21.625 - 23) = -0.34375  -> FDI moved most
        var reading = indicator.measure(china(2023).build());

        assertThat(reading.explanation()).isEqualTo("Foreign investment scores 11.9 in 2023, moved most by "
                + "FDI net inflows, % of GDP, which fell from 1.04 to 0.28 since 2022.");
    }

    @Test
    void china2021ScoresHigherBeforeTheCollapse() {
        // FDI 1.89 -> 37.8; change 1.89 - 1.66 (2018) = 0.23 -> 2.23/4*100 = 55.75; trade 37.4 -> 17.4/80*100 = 21.75
        // 0.5*37.8 + 0.25*55.75 + 0.25*21.75 = 18.9 + 13.9375 + 5.4375 = 38.275
        assertThat(indicator.measure(china(2021).build()).score()).isCloseTo(38.275, within(1e-9));
    }

    @Test
    void china2024ScoresLowerStill() {
        // FDI 0.10 -> 2; change 0.10 - 1.89 (2021) = -1.79 -> 0.21/4*100 = 5.25; trade 37.0 -> 17/80*100 = 21.25
        // 0.5*2 + 0.25*5.25 + 0.25*21.25 = 1 + 1.3125 + 5.3125 = 7.625
        assertThat(indicator.measure(china(2024).build()).score()).isCloseTo(7.625, within(1e-9));
    }

    @Test
    void aMissingTrendLowersCoverageAndIsNamed() {
        // 2022 without 2019: FDI 1.04 -> 20.8, trade 38.4 -> 23; (0.5*20.8 + 0.25*23) / 0.75 = 16.15/0.75 = 21.5333...
        var context = TestContext.of("CHN", 2022).defaultsOf(indicator.descriptor())
                .value(FDI, 1.04).value(TRADE, 38.4).build();

        var reading = indicator.measure(context);

        assertThat(reading.score()).isCloseTo(16.15 / 0.75, within(1e-9));
        assertThat(reading.coverage()).isCloseTo(0.75, within(1e-9));
        assertThat(reading.missing()).containsExactly(FDI + " (3-year change)");
    }

    @Test
    void scoreFallsWhenFdiInflowsCollapse() {
        double score2021 = indicator.measure(china(2021).build()).score();
        double score2023 = indicator.measure(china(2023).build()).score();
        double score2024 = indicator.measure(china(2024).build()).score();

        assertThat(score2023).isLessThan(score2021);
        assertThat(score2024).isLessThan(score2023);
    }

    @Test
    void raisingThisYearsFdiNeverLowersTheScore() {
        assertMonotone(fdi -> score(fdi, 1.69, 37.3), true);
    }

    @Test
    void raisingFdiThreeYearsEarlierNeverRaisesTheScore() {
        // a higher base year means a smaller (worse) 3-year change
        assertMonotone(base -> score(0.28, base, 37.3), false);
    }

    @Test
    void raisingTradeNeverLowersTheScore() {
        assertMonotone(trade -> score(0.28, 1.69, trade * 20), true);
    }

    @Test
    void scoresStayWithinZeroAndHundredForExtremeInputs() {
        double[] extremes = {-1e9, -100, -5, 0, 0.5, 5, 100, 1e9};
        for (double fdi : extremes) {
            for (double base : extremes) {
                for (double trade : extremes) {
                    assertThat(score(fdi, base, trade)).isBetween(0.0, 100.0);
                }
            }
        }
        // every input at or beyond its best goalpost, then at or beyond its worst
        assertThat(score(1e9, -1e9, 1e9)).isCloseTo(100, within(1e-9));
        assertThat(score(-1e9, 1e9, -1e9)).isCloseTo(0, within(1e-9));
    }

    @Test
    void scoreOfAYearDoesNotChangeWhenTheNextYearArrives() {
        var without2024 = TestContext.of("CHN", 2023).defaultsOf(indicator.descriptor())
                .value(FDI, 2020, 1.69).value(FDI, 2022, 1.04).value(FDI, 2023, 0.28)
                .value(TRADE, 2022, 38.4).value(TRADE, 2023, 37.3);
        var before = indicator.measure(without2024.build());

        var after = indicator.measure(without2024.value(FDI, 2024, 0.10).value(TRADE, 2024, 37.0).build());

        assertThat(after.score()).isEqualTo(before.score());
        assertThat(after.explanation()).isEqualTo(before.explanation());
        assertThat(after.score()).isCloseTo(11.89375, within(1e-9));
    }

    private double score(double fdi2023, double fdi2020, double trade2023) {
        return indicator.measure(TestContext.of("CHN", 2023).defaultsOf(indicator.descriptor())
                .value(FDI, 2023, fdi2023).value(FDI, 2020, fdi2020).value(TRADE, 2023, trade2023).build()).score();
    }

    /** Sweeps the raw value from -3 to 8 and checks the score moves one way only, and does move. */
    private static void assertMonotone(DoubleUnaryOperator scoreAt, boolean increasing) {
        double first = scoreAt.applyAsDouble(-3);
        double previous = first;
        for (double raw = -3; raw <= 8; raw += 0.125) {
            double score = scoreAt.applyAsDouble(raw);
            if (increasing) {
                assertThat(score).as("score at %s", raw).isGreaterThanOrEqualTo(previous);
            } else {
                assertThat(score).as("score at %s", raw).isLessThanOrEqualTo(previous);
            }
            previous = score;
        }
        assertThat(previous).as("the input must move the score").isNotCloseTo(first, within(1.0));
    }
}
