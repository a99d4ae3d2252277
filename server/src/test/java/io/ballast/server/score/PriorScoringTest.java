package io.ballast.server.score;

import static io.ballast.server.score.TestIndicators.answering;
import static io.ballast.server.score.TestIndicators.config;
import static io.ballast.server.score.TestIndicators.host;
import static io.ballast.server.score.TestIndicators.scorer;
import static org.assertj.core.api.Assertions.assertThat;

import io.ballast.api.Component;
import io.ballast.api.Indicator;
import io.ballast.api.IndicatorReading;
import io.ballast.api.MissingDataException;
import io.ballast.api.PolicyEvent;
import io.ballast.server.config.BallastConfig;
import io.ballast.server.store.ControlEvent;
import io.ballast.server.store.ObservationRow;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A recompute makes again only the plugin calls that read what changed, and composes again only from the first year
 * whose readings changed; whatever it keeps, its scores are those of a recompute from scratch.
 */
class PriorScoringTest {

    private final BallastConfig config = config(Map.of("BALLAST_SCORING_FROM_YEAR", "2010"));
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    /** Scores the mean of its series' values from 2000 to the year; counts its calls. */
    private Indicator meanOf(String id, String series) {
        return answering(id, List.of(series), ctx -> {
            calls.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            double mean = IntStream.rangeClosed(2000, ctx.period()).mapToObj(year -> ctx.value(series, year))
                    .filter(OptionalDouble::isPresent).mapToDouble(OptionalDouble::getAsDouble).average()
                    .orElseThrow(() -> new MissingDataException(List.of(series)));
            return reading(mean, series);
        });
    }

    private static IndicatorReading reading(double score, String series) {
        return new IndicatorReading(score, List.of(new Component(series, series, score, score, 1)), "mean.", 1,
                List.of());
    }

    private static List<ObservationRow> rows(String series, int from, int to, double base) {
        List<ObservationRow> rows = new ArrayList<>();
        for (int year = from; year <= to; year++) {
            rows.add(new ObservationRow(null, "CHN", series, year, base + year % 7, null, Instant.EPOCH));
        }
        return rows;
    }

    private static RegionData both(List<ObservationRow> x, List<ObservationRow> y) {
        List<ObservationRow> all = new ArrayList<>(x);
        all.addAll(y);
        return RegionData.of(all);
    }

    @Test
    void aChangeMeasuresAgainOnlyThePluginsThatReadItAndScoresAsFromScratch() {
        var scorer = scorer(host(meanOf("x", "X"), meanOf("y", "Y")), config);
        var prior = new PriorScoring();
        List<ObservationRow> x = rows("X", 2005, 2024, 40);
        List<ObservationRow> y = rows("Y", 2005, 2024, 60);
        RegionData before = both(x, y);
        List<YearScores> first = scorer.score("CHN", before, prior);
        assertThat(calls.get("x").get()).isEqualTo(calls.get("y").get()).isPositive();
        int xCalls = calls.get("x").get();
        int yCalls = calls.get("y").get();

        List<ObservationRow> changedY = new ArrayList<>(y);
        changedY.set(changedY.size() - 2, new ObservationRow(null, "CHN", "Y", 2023, 99, null, Instant.EPOCH));
        RegionData after = before.withYears(Set.of(2023), List.of(changedY.get(changedY.size() - 2),
                x.get(x.size() - 2)));
        List<YearScores> again = scorer.score("CHN", after, prior);

        assertThat(calls.get("x").get()).as("x read nothing that changed").isEqualTo(xCalls);
        assertThat(calls.get("y").get()).as("y for the years that read 2023: 2023 and 2024").isEqualTo(yCalls + 2);
        assertThat(again).isEqualTo(scorer(host(meanOf("x", "X"), meanOf("y", "Y")), config)
                .score("CHN", both(x, changedY)));
        // the years before 2023 were composed from the same readings: kept as they were, not composed again
        for (int i = 0; i < again.size(); i++) {
            if (again.get(i).period() < 2023) {
                assertThat(again.get(i)).isSameAs(first.get(i));
            } else {
                assertThat(again.get(i)).isNotSameAs(first.get(i));
            }
        }
    }

    @Test
    void nothingChangedMeasuresNothingAndKeepsEveryYear() {
        var scorer = scorer(host(meanOf("x", "X")), config);
        var prior = new PriorScoring();
        RegionData data = RegionData.of(rows("X", 2005, 2024, 40));
        List<YearScores> first = scorer.score("CHN", data, prior);
        int measured = calls.get("x").get();
        List<YearScores> again = scorer.score("CHN", RegionData.of(rows("X", 2005, 2024, 40)), prior);
        assertThat(calls.get("x").get()).isEqualTo(measured);
        assertThat(again).isEqualTo(first);
        assertThat(again.get(0)).isSameAs(first.get(0));
    }

    @Test
    void aPluginThatReadsTheClockIsAlwaysMeasuredAgain() {
        AtomicInteger clockCalls = new AtomicInteger();
        Indicator timed = answering("timed", List.of("X"), ctx -> {
            clockCalls.incrementAndGet();
            ctx.clock().instant();
            return reading(ctx.value("X").orElse(50), "X");
        });
        var scorer = scorer(host(timed), config);
        var prior = new PriorScoring();
        RegionData data = RegionData.of(rows("X", 2010, 2012, 40));
        scorer.score("CHN", data, prior);
        int measured = clockCalls.get();
        scorer.score("CHN", data, prior);
        assertThat(clockCalls.get()).isEqualTo(2 * measured);
    }

    @Test
    void aPluginThatReadsTheEventsIsMeasuredAgainWhenTheyChange() {
        AtomicInteger eventCalls = new AtomicInteger();
        Indicator counting = answering("events", List.of("X"), ctx -> {
            eventCalls.incrementAndGet();
            return reading(Math.min(100, 10 * ctx.events().size()), "X");
        });
        var scorer = scorer(host(counting), config);
        var prior = new PriorScoring();
        List<ObservationRow> rows = rows("X", 2010, 2012, 40);
        RegionData none = RegionData.of(rows, List.of());
        scorer.score("CHN", none, prior);
        int measured = eventCalls.get();
        scorer.score("CHN", none.withEvents(List.of()), prior);
        assertThat(eventCalls.get()).as("the same events").isEqualTo(measured);

        RegionData one = none.withEvents(List.of(event()));
        List<YearScores> scored = scorer.score("CHN", one, prior);
        assertThat(eventCalls.get()).isEqualTo(2 * measured);
        assertThat(scored.get(0).indicators().get(0).score()).isEqualTo(10.0);
    }

    @Test
    void anotherConfigurationComposesAndMeasuresAfresh() {
        var host = host(meanOf("x", "X"));
        var prior = new PriorScoring();
        RegionData data = RegionData.of(rows("X", 2005, 2024, 40));
        List<YearScores> first = scorer(host, config).score("CHN", data, prior);
        int measured = calls.get("x").get();
        BallastConfig other = config(Map.of("BALLAST_SCORING_FROM_YEAR", "2010", "BALLAST_SCORING_METHOD",
                "arithmetic"));
        List<YearScores> again = scorer(host, other).score("CHN", data, prior);
        assertThat(calls.get("x").get()).as("plugin settings are the same: its readings are kept").isEqualTo(measured);
        assertThat(again.get(0)).as("composed again under the other configuration").isNotSameAs(first.get(0));
        assertThat(again.get(0).composite().method()).isEqualTo("arithmetic");
    }

    private static ControlEvent event() {
        return new ControlEvent("e1", LocalDate.of(2011, 5, 1), "US", List.of("CHN"), "entity-listing", "tighten",
                "targeted", 3, "an action", null, null, "test", false, Instant.EPOCH);
    }

    /** The events a test plugin sees are the policy events made of the stored ones. */
    @Test
    void theEventsAPluginSeesAreTheStoredOnes() {
        RegionData data = RegionData.of(List.of(), List.of(event()));
        PolicyEvent seen = data.events().get(0);
        assertThat(seen.id()).isEqualTo("e1");
        assertThat(seen.targets()).containsExactly("CHN");
    }

    @Test
    void aPluginWithoutDataIsAskedAgainOnlyWhenItsSeriesChanges() {
        var scorer = scorer(host(meanOf("x", "X"), meanOf("y", "Y")), config);
        var prior = new PriorScoring();
        RegionData onlyX = RegionData.of(rows("X", 2005, 2024, 40));
        scorer.score("CHN", onlyX, prior);
        int yCalls = calls.get("y").get();
        List<ObservationRow> y = rows("Y", 2020, 2020, 60);
        List<YearScores> scored = scorer.score("CHN", onlyX.withYears(Set.of(2020), y), prior);
        assertThat(calls.get("y").get()).isGreaterThan(yCalls);
        assertThat(TestIndicators.reading(TestIndicators.year(scored, 2020), "y").score()).isNotNull();
    }
}
