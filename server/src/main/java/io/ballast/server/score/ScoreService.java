package io.ballast.server.score;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.store.Cell;
import io.ballast.server.store.EventStore;
import io.ballast.server.store.ObservationStore;
import io.ballast.server.store.ScoreStore;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps scores in step with observations and events. Touched regions are queued; one worker drains the queue,
 * recomputing each touched region once per drain however many batches touched it, writing only the scores that
 * changed. A region's change can move other regions' ranks, so after a drain every region's latest document is
 * rebuilt and those whose bytes changed go to the stream.
 */
public final class ScoreService {

    private static final Logger LOG = LoggerFactory.getLogger(ScoreService.class);

    private final ObservationStore observations;
    private final EventStore events;
    private final ScoreStore scores;
    private final Scorer scorer;
    private final Panel panel;
    private final ScorePublisher publisher;
    private final ScoreSink sink;
    private final ScoreRows rows;
    private final WorkerExecutor worker;
    private final UncertaintyService uncertainty;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final ScoringStatus status = new ScoringStatus();
    /** Regions whose recompute failed: scored again with the next change. */
    private final Set<String> failed = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public ScoreService(ObservationStore observations, EventStore events, ScoreStore scores, Scorer scorer,
                        Panel panel, ScoreQueries queries, ScoreSink sink, AlertSink alertSink, WorkerExecutor worker,
                        ObjectMapper json, UncertaintyService uncertainty) {
        this.uncertainty = uncertainty;
        this.observations = observations;
        this.events = events;
        this.scores = scores;
        this.scorer = scorer;
        this.panel = panel;
        this.publisher = new ScorePublisher(queries, sink, alertSink, status);
        this.sink = sink;
        this.rows = new ScoreRows(json);
        this.worker = worker;
    }

    /** Queues the cells' regions for recompute and returns at once. */
    public void schedule(Collection<Cell> cells) {
        if (closed) {
            return;
        }
        cells.forEach(cell -> pending.add(cell.region()));
        if (!cells.isEmpty() && !failed.isEmpty()) {
            pending.addAll(failed);
            failed.clear();
        }
        if (!cells.isEmpty() && draining.compareAndSet(false, true)) {
            worker.executeBlocking(() -> {
                drain();
                return null;
            }, false);
        }
    }

    /** Whether scoring keeps up, for readiness and metrics. */
    public ScoringStatus status() {
        return status;
    }

    private void drain() {
        do {
            try {
                boolean any = false;
                boolean ok = true;
                for (String region : List.copyOf(pending)) {
                    if (closed) {
                        break;
                    }
                    if (pending.remove(region)) {
                        Optional<Boolean> changed = recompute(region);
                        any |= changed.orElse(false);
                        ok &= changed.isPresent();
                    }
                }
                if (any && !closed) {
                    ok &= publish(false);
                }
                if (ok) {
                    status.succeeded();
                }
            } catch (Throwable e) { // an Error (out of memory) must not leave scoring stopped for good
                status.failed("scoring", e);
                LOG.error("Scoring stopped part-way; it resumes with the next change", e);
            } finally {
                draining.set(false);
            }
        } while (!pending.isEmpty() && draining.compareAndSet(false, true));
    }

    /** Queues every year of these regions for recompute (the set of plugins or a weight changed). */
    public void scheduleAll(Collection<String> regions) {
        schedule(regions.stream().map(r -> new Cell(r, Integer.MIN_VALUE)).toList());
    }

    /**
     * Stops taking work and waits (up to {@code timeout}) for a running recompute to finish, so that the database
     * can close under it. Work still queued is dropped: its observations are stored, and the next start recomputes.
     */
    public void close(Duration timeout) {
        closed = true;
        pending.clear();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (draining.get() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * The uncertainty analysis's ranges changed (a reload): rebuilds the documents (their bands are out of date, so
     * they go) and asks for a new analysis, which brings the bands back when done.
     */
    public void reanalyse() {
        if (!closed) {
            worker.executeBlocking(() -> {
                publish(false);
                return null;
            }, false);
        }
    }

    /**
     * Takes a region's years another node of the cluster computed (it stored them and told the streams): into the
     * panel, and this node's documents rebuilt from it, without scoring again. Queued on the scoring worker.
     */
    public void adopt(String region, List<YearScores> years) {
        if (!closed) {
            worker.executeBlocking(() -> {
                panel.put(region, years);
                publisher.remember();
                return null;
            }, false);
        }
    }

    /** Takes the uncertainty analysis another node ran of the same scores, and rebuilds the documents with it. */
    public void adopt(UncertaintyResult result) {
        if (!closed) {
            worker.executeBlocking(() -> {
                uncertainty.adopt(result);
                publisher.remember();
                return null;
            }, false);
        }
    }

    /** Recomputes every year of these regions and publishes every region, changed or not. Blocks; used at start-up. */
    public void recomputeAll(Collection<String> regions) {
        for (String region : regions) {
            recompute(region);
        }
        publish(true);
    }

    /**
     * Scores one region into the panel and the store; answers whether anything stored changed, or nothing when it
     * failed (the region is then scored again with the next change).
     */
    private Optional<Boolean> recompute(String region) {
        try {
            long started = System.nanoTime();
            RegionData data = RegionData.of(observations.ofRegion(region), events.ofRegion(region));
            List<YearScores> years = scorer.score(region, data);
            panel.put(region, years);
            sink.scored(region, years);
            int changed = scores.replace(region, Integer.MIN_VALUE, rows.rows(years));
            LOG.debug("Recomputed {}: {} scores changed in {} ms", region, changed,
                    (System.nanoTime() - started) / 1_000_000);
            return Optional.of(changed > 0);
        } catch (Throwable e) { // out of memory included: this region fails, scoring goes on
            failed.add(region);
            status.failed("recompute of " + region, e);
            LOG.error("Recompute of {} failed; its stored scores are unchanged and it is scored again with the next "
                    + "change", region, e);
            return Optional.empty();
        }
    }

    /**
     * Rebuilds every region's latest document and sends those that changed (or all) to the stream, then asks for an
     * uncertainty analysis of the new scores (which runs elsewhere and never delays this).
     */
    private boolean publish(boolean always) {
        boolean ok = publisher.publish(always, ScoreSink.SCORE);
        uncertainty.schedule(this::uncertaintyDone);
        return ok;
    }

    /** An uncertainty analysis finished: on the scoring worker, documents that now carry bands go to the stream. */
    private void uncertaintyDone(UncertaintyResult result) {
        if (closed) {
            return;
        }
        sink.analysed(result);
        worker.executeBlocking(() -> {
            if (uncertainty.current().isPresent()) {
                publisher.publish(false, ScoreSink.UNCERTAINTY);
            }
            return null;
        }, false);
    }
}
