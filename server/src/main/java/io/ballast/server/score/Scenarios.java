package io.ballast.server.score;

import io.ballast.server.config.BallastConfig;
import io.ballast.server.store.EventStore;
import io.ballast.server.store.NewObservation;
import io.ballast.server.store.ObservationRow;
import io.ballast.server.store.ObservationStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What if: the scores a set of hypothetical observations would give, without storing anything. The regions they touch
 * are scored again over their stored data with the hypothetical values laid over it, in a copy of the panel, so that
 * ranks and bands compare them with every other region as they stand. Blocks (database reads, plugin calls, the
 * uncertainty analysis): call it from a worker.
 */
public final class Scenarios {

    private final ObservationStore observations;
    private final EventStore events;
    private final Scorer scorer;
    private final Panel panel;
    private final Supplier<BallastConfig> config;
    private final UncertaintyAnalysis analysis;

    public Scenarios(ObservationStore observations, EventStore events, Scorer scorer, Panel panel,
                     Supplier<BallastConfig> config, UncertaintyAnalysis analysis) {
        this.observations = observations;
        this.events = events;
        this.scorer = scorer;
        this.panel = panel;
        this.config = config;
        this.analysis = analysis;
    }

    /** A region as the scenario would leave it, beside the panel it is compared in. */
    public record Outcome(String region, List<YearScores> years, Panel panel, Optional<UncertaintyResult> uncertainty) {
    }

    /**
     * Scores the regions the hypothetical observations touch; every other region keeps its stored scores. The bands
     * are drawn with {@code ranges} (a smaller sample than the live analysis's keeps a request quick); none when the
     * analysis is switched off.
     */
    public List<Outcome> evaluate(List<NewObservation> hypothetical, Optional<UncertaintyRanges> ranges) {
        Map<String, List<NewObservation>> byRegion = new LinkedHashMap<>();
        hypothetical.forEach(o -> byRegion.computeIfAbsent(o.region(), r -> new ArrayList<>()).add(o));
        Panel what = panel.copy();
        for (var entry : byRegion.entrySet()) {
            String region = entry.getKey();
            RegionData data = RegionData.of(overlay(observations.ofRegion(region), entry.getValue()),
                    events.ofRegion(region));
            what.put(region, scorer.score(region, data));
        }
        BallastConfig c = config.get();
        Map<String, List<YearScores>> years = new LinkedHashMap<>();
        c.regions().forEach(r -> years.put(r.code(), what.years(r.code())));
        Aggregation aggregation = Aggregation.of(c);
        Optional<UncertaintyResult> uncertainty = ranges.map(r -> analysis.run(what.version(), years,
                aggregation::weight, r, c.scoring().missing().carryForwardYears(),
                c.scoring().missing().minInputCoverage(), c.scoring().minCoverage()));
        List<Outcome> out = new ArrayList<>();
        for (String region : new LinkedHashSet<>(byRegion.keySet())) {
            out.add(new Outcome(region, what.years(region), what, uncertainty));
        }
        return out;
    }

    /** The stored rows of a region with the hypothetical values in place of (or beside) them. */
    static List<ObservationRow> overlay(List<ObservationRow> stored, List<NewObservation> hypothetical) {
        Map<String, ObservationRow> cells = new LinkedHashMap<>();
        stored.forEach(r -> cells.put(r.series() + '\u0000' + r.period(), r));
        for (NewObservation o : hypothetical) {
            cells.put(o.series() + '\u0000' + o.period(), new ObservationRow(null, o.region(), o.series(),
                    o.period(), o.value(), o.source() == null ? "scenario" : o.source(), Instant.EPOCH,
                    o.vintage() == null ? "scenario" : o.vintage()));
        }
        return List.copyOf(cells.values());
    }
}
