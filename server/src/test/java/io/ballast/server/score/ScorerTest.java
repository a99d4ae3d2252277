package io.ballast.server.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.ballast.api.Component;
import io.ballast.api.Indicator;
import io.ballast.api.IndicatorContext;
import io.ballast.api.IndicatorDescriptor;
import io.ballast.api.IndicatorReading;
import io.ballast.api.MissingDataException;
import io.ballast.server.config.BallastConfig;
import io.ballast.server.config.ConfigLoader;
import io.ballast.server.indicator.Measurer;
import io.ballast.server.indicator.PluginHost;
import io.ballast.server.indicator.PluginState;
import io.ballast.server.store.ObservationRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ScorerTest {

    /** An indicator whose score is the value of its one series, or whatever {@code behaviour} does. */
    record Fixed(String id, Function<IndicatorContext, IndicatorReading> behaviour) implements Indicator {
        @Override
        public IndicatorDescriptor descriptor() {
            return new IndicatorDescriptor(id, id, "test indicator " + id, "1", List.of(id.toUpperCase()), List.of());
        }

        @Override
        public IndicatorReading measure(IndicatorContext context) {
            return behaviour.apply(context);
        }

        static Fixed readingItsSeries(String id) {
            return new Fixed(id, ctx -> {
                double v = ctx.value(id.toUpperCase()).orElseThrow(() -> new MissingDataException(List.of(id)));
                return new IndicatorReading(v, List.of(new Component(id, id.toUpperCase(), v, v, 1)),
                        id + " is " + v + ".", 1.0, List.of());
            });
        }
    }

    private static BallastConfig config(Map<String, String> env) {
        return new ConfigLoader().load(Optional.empty(), env);
    }

    private static RegionData data(Object... seriesYearValue) {
        var rows = new java.util.ArrayList<ObservationRow>();
        for (int i = 0; i < seriesYearValue.length; i += 3) {
            rows.add(new ObservationRow(null, "CHN", (String) seriesYearValue[i], (Integer) seriesYearValue[i + 1],
                    ((Number) seriesYearValue[i + 2]).doubleValue(), null, Instant.EPOCH));
        }
        return RegionData.of(rows);
    }

    private static Scorer scorer(PluginHost host, BallastConfig config) {
        return new Scorer(host, new Measurer(host, Duration.ofSeconds(2)), config, Clock.systemUTC());
    }

    private static PluginHost host(Indicator... indicators) {
        PluginHost host = new PluginHost(id -> true);
        for (Indicator i : indicators) {
            host.add(i, "test");
        }
        return host;
    }

    @Test
    void theCompositeIsTheWeightedGeometricMeanOfThePresentIndicators() {
        BallastConfig config = config(Map.of("BALLAST_SCORING_MIN_COVERAGE", "0.5"));
        var scorer = scorer(host(Fixed.readingItsSeries("a"), Fixed.readingItsSeries("b")), config);
        YearScores y = scorer.score("CHN", data("A", 2020, 80, "B", 2020, 20), 2020).get(0);
        // exp((ln 80 + ln 20) / 2) = sqrt(1600) = 40; an arithmetic mean would hide the weak 20 behind 50.
        assertThat(y.composite()).get().extracting(CompositeScore::score).isEqualTo(40.0);
        assertThat(y.composite().get().method()).isEqualTo("geometric");
        assertThat(y.composite().get().coverage()).isEqualTo(1.0);
    }

    @Test
    void arithmeticAggregationCanBeChosenInConfig() {
        BallastConfig config = config(Map.of("BALLAST_SCORING_METHOD", "arithmetic",
                "BALLAST_SCORING_MIN_COVERAGE", "0.5"));
        var scorer = scorer(host(Fixed.readingItsSeries("a"), Fixed.readingItsSeries("b")), config);
        assertThat(scorer.score("CHN", data("A", 2020, 80, "B", 2020, 20), 2020).get(0).composite())
                .get().extracting(CompositeScore::score).isEqualTo(50.0);
    }

    @Test
    void aMissingIndicatorIsNamedAndLowersCoverageButNeverCountsAsZero() {
        BallastConfig config = config(Map.of("BALLAST_SCORING_MIN_COVERAGE", "0.5"));
        var scorer = scorer(host(Fixed.readingItsSeries("a"), Fixed.readingItsSeries("b")), config);
        CompositeScore c = scorer.score("CHN", data("A", 2020, 64), 2020).get(0).composite().orElseThrow();
        assertThat(c.score()).isEqualTo(64.0);
        assertThat(c.missing()).containsExactly("b");
        assertThat(c.coverage()).isEqualTo(0.5);
    }

    @Test
    void belowTheMinimumCoverageAYearHasNoComposite() {
        BallastConfig config = config(Map.of("BALLAST_SCORING_MIN_COVERAGE", "0.75"));
        var scorer = scorer(host(Fixed.readingItsSeries("a"), Fixed.readingItsSeries("b")), config);
        YearScores y = scorer.score("CHN", data("A", 2020, 64), 2020).get(0);
        assertThat(y.indicators()).hasSize(1);
        assertThat(y.composite()).isEmpty();
    }

    @Test
    void aPluginThatThrowsIsMarkedFailedWithItsCauseAndTheOthersGoOn() {
        PluginHost host = host(Fixed.readingItsSeries("a"), new Fixed("boom", ctx -> {
            throw new IllegalStateException("kaput");
        }));
        var scorer = scorer(host, config(Map.of("BALLAST_SCORING_MIN_COVERAGE", "0.5")));
        YearScores y = scorer.score("CHN", data("A", 2020, 70), 2020).get(0);
        assertThat(y.indicators()).extracting(IndicatorScore::id).containsExactly("a");
        assertThat(host.get("boom").orElseThrow().state()).isEqualTo(PluginState.FAILED);
        assertThat(host.get("boom").orElseThrow().failure()).get().asString().contains("kaput");
        assertThat(y.composite().orElseThrow().missing()).containsExactly("boom");
    }

    @Test
    void aPluginReturningAnInvalidReadingIsMarkedFailed() {
        PluginHost host = host(new Fixed("nan", ctx -> new IndicatorReading(Double.NaN, List.of(), "x", 1,
                List.of())));
        scorer(host, config(Map.of())).score("CHN", data("NAN", 2020, 1), 2020);
        assertThat(host.get("nan").orElseThrow().state()).isEqualTo(PluginState.FAILED);
        assertThat(host.get("nan").orElseThrow().failure()).get().asString().contains("score");
    }

    @Test
    void theCompositeWarnsWhenCapacityRisesWhileLaborConditionsFallOverTheWindow() {
        var scorer = scorer(host(Fixed.readingItsSeries("internal-capacity"),
                Fixed.readingItsSeries("labor-conditions")), config(Map.of()));
        List<YearScores> years = scorer.score("CHN", data(
                "INTERNAL-CAPACITY", 2017, 50, "LABOR-CONDITIONS", 2017, 70,
                "INTERNAL-CAPACITY", 2020, 65, "LABOR-CONDITIONS", 2020, 60,
                "INTERNAL-CAPACITY", 2021, 66, "LABOR-CONDITIONS", 2021, 72), 2020);
        CompositeScore warned = years.get(0).composite().orElseThrow();
        assertThat(warned.warnings()).singleElement().satisfies(w -> {
            assertThat(w.kind()).isEqualTo("capacity-labor-divergence");
            assertThat(w.message()).contains("rose 15.0 points from 2017 to 2020").contains("fell 10.0 points");
        });
        assertThat(years.get(1).period()).isEqualTo(2021);
        // no 2018 readings to compare 2021 with: no warning is invented
        assertThat(years.get(1).composite().orElseThrow().warnings()).isEmpty();
    }

    @Test
    void noWarningWhenLaborConditionsImproveAlongsideCapacity() {
        var scorer = scorer(host(Fixed.readingItsSeries("internal-capacity"),
                Fixed.readingItsSeries("labor-conditions")), config(Map.of()));
        CompositeScore c = scorer.score("CHN", data(
                "INTERNAL-CAPACITY", 2017, 50, "LABOR-CONDITIONS", 2017, 60,
                "INTERNAL-CAPACITY", 2020, 65, "LABOR-CONDITIONS", 2020, 70), 2020).get(0).composite().orElseThrow();
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void everyYearFromTheRequestedOneToTheLastWithDataIsScored() {
        var scorer = scorer(host(Fixed.readingItsSeries("a")), config(Map.of()));
        List<YearScores> years = scorer.score("CHN", data("A", 2019, 1, "A", 2022, 2), 2018);
        assertThat(years).extracting(YearScores::period).containsExactly(2018, 2019, 2020, 2021, 2022);
        assertThat(years.get(1).indicators()).hasSize(1);
        assertThat(years.get(2).indicators()).isEmpty();
    }
}
