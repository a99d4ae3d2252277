package io.ballast.server.score;

import io.ballast.server.store.Cell;
import io.ballast.server.store.EventStore;
import io.ballast.server.store.ObservationStore;
import java.util.List;
import java.util.Map;
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

    /** A region's data as read, and the count of event writes read before it ({@link EventStore#writes}). */
    private record Read(RegionData data, long eventWrites) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(ScoreService.class);

    private final ObservationStore observations;
    private final EventStore events;
    private final Scorer scorer;
    private final Panel panel;
    private final ScoreSink sink;
    private final ScoringStatus status;
    private final Set<String> failed = ConcurrentHashMap.newKeySet();
    /** Each region's last recompute: a change measures and composes again only what it reaches. */
    private final PriorScoring prior = new PriorScoring();
    /** Each region's data as last read, kept only when {@link #onlyWriter}. */
    private final Map<String, Read> lastRead = new ConcurrentHashMap<>();
    private volatile boolean onlyWriter = true;

    RegionScoring(ObservationStore observations, EventStore events, Scorer scorer, Panel panel, ScoreSink sink,
                  ScoringStatus status) {
        this.observations = observations;
        this.events = events;
        this.scorer = scorer;
        this.panel = panel;
        this.sink = sink;
        this.status = status;
    }

    /**
     * Scores the region into the panel, after the inputs of {@code years} changed ({@link Cell#ALL_YEARS}: any);
     * answers its years, or nothing when it failed.
     */
    Optional<List<YearScores>> score(String region, Set<Integer> years) {
        try {
            RegionData data = read(region, years);
            List<YearScores> scored = scorer.score(region, data, prior);
            panel.put(region, scored);
            sink.scored(region, scored);
            return Optional.of(scored);
        } catch (Throwable e) { // out of memory included: this region fails, scoring goes on
            failed(region);
            status.failed("recompute of " + region, e);
            LOG.error("Recompute of {} failed; its stored scores are unchanged and it is scored again with the next "
                    + "change", region, e);
            return Optional.empty();
        }
    }

    /** Scores every year of the region into the panel, reading all of its data. */
    Optional<List<YearScores>> scoreAll(String region) {
        return score(region, Set.of(Cell.ALL_YEARS));
    }

    /**
     * The region's data: as read last time with only the changed years read again (and the events, when this process
     * wrote any since), when this node is the store's only writer (every write it makes names its cells); else all.
     */
    private RegionData read(String region, Set<Integer> years) {
        long eventWrites = events.writes();
        Read last = onlyWriter ? lastRead.get(region) : null;
        RegionData data;
        if (last == null || years.contains(Cell.ALL_YEARS)) {
            data = RegionData.of(observations.ofRegion(region), events.ofRegion(region));
        } else {
            data = last.data().withYears(years, observations.ofRegion(region, years));
            if (last.eventWrites() != eventWrites) {
                data = data.withEvents(events.ofRegion(region));
            }
        }
        if (onlyWriter) {
            lastRead.put(region, new Read(data, eventWrites));
        }
        return data;
    }

    /** Other processes write to the store too (a cluster's nodes): every recompute reads its region whole. */
    void sharesStore() {
        onlyWriter = false;
        lastRead.clear();
    }

    /** A region to score again with the next change (its recompute, or the writing of its rows, failed). */
    void failed(String region) {
        lastRead.remove(region);
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
