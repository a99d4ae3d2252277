package io.ballast.server.score;

import io.ballast.server.store.EventStore;
import io.ballast.server.store.ObservationStore;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores one region from the store into the panel and hands its years to the sink. A region whose recompute fails
 * (any {@code Throwable}, out of memory included) keeps its stored scores, is logged once and counted in the status,
 * and is remembered to be scored again with the next change; the other regions go on.
 */
final class RegionScoring {

    private static final Logger LOG = LoggerFactory.getLogger(ScoreService.class);

    private final ObservationStore observations;
    private final EventStore events;
    private final Scorer scorer;
    private final Panel panel;
    private final ScoreSink sink;
    private final ScoringStatus status;
    private final Set<String> failed = ConcurrentHashMap.newKeySet();

    RegionScoring(ObservationStore observations, EventStore events, Scorer scorer, Panel panel, ScoreSink sink,
                  ScoringStatus status) {
        this.observations = observations;
        this.events = events;
        this.scorer = scorer;
        this.panel = panel;
        this.sink = sink;
        this.status = status;
    }

    /** Scores the region into the panel; answers its years, or nothing when it failed. */
    Optional<List<YearScores>> score(String region) {
        try {
            RegionData data = RegionData.of(observations.ofRegion(region), events.ofRegion(region));
            List<YearScores> years = scorer.score(region, data);
            panel.put(region, years);
            sink.scored(region, years);
            return Optional.of(years);
        } catch (Throwable e) { // out of memory included: this region fails, scoring goes on
            failed(region);
            status.failed("recompute of " + region, e);
            LOG.error("Recompute of {} failed; its stored scores are unchanged and it is scored again with the next "
                    + "change", region, e);
            return Optional.empty();
        }
    }

    /** A region to score again with the next change (its recompute, or the writing of its rows, failed). */
    void failed(String region) {
        failed.add(region);
    }

    /** Whether some region waits to be scored again. */
    boolean anyFailed() {
        return !failed.isEmpty();
    }

    /** The regions waiting to be scored again, no longer remembered once taken. */
    Set<String> takeFailed() {
        Set<String> taken = Set.copyOf(failed);
        failed.removeAll(taken);
        return taken;
    }
}
