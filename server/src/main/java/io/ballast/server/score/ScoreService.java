package io.ballast.server.score;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.store.Cell;
import io.ballast.server.store.EventStore;
import io.ballast.server.store.ObservationStore;
import io.ballast.server.store.ScoreStore;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps scores in step with observations and events. Touched regions are queued with their changed years; one worker
 * drains the queue, recomputing each touched region once per drain however many batches touched it. A change can move
 * other regions' ranks, so after a drain every region's latest document is rebuilt and those whose bytes changed go
 * to the stream; only then is an uncertainty analysis asked for, and the changed score rows are written behind
 * ({@link ScoreWriter}), so that neither delays the event. Stored scores are derived data: every start recomputes
 * them, and no read serves them.
 */
public final class ScoreService {

    private static final Logger LOG = LoggerFactory.getLogger(ScoreService.class);

    private final RegionScoring scoring;
    private final Panel panel;
    private final ScorePublisher publisher;
    private final ScoreSink sink;
    private final ScoreWriter writer;
    private final WorkerExecutor worker;
    private final UncertaintyService uncertainty;
    private final PendingCells pending = new PendingCells();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final ScoringStatus status = new ScoringStatus();
    /** Whether the last drain failed: the status is healthy again when neither it nor the last rows' writing did. */
    private volatile boolean scoringFailing;
    private volatile boolean closed;
    /** Whether anything was scored again since the start's first scoring (a change, a reload, a plugin). */
    private volatile boolean rescored;

    public ScoreService(ObservationStore observations, EventStore events, ScoreStore scores, Scorer scorer,
                        Panel panel, ScoreQueries queries, ScoreSink sink, AlertSink alertSink, WorkerExecutor worker,
                        ObjectMapper json, UncertaintyService uncertainty) {
        this.uncertainty = uncertainty;
        this.scoring = new RegionScoring(observations, events, scorer, panel, sink, status);
        this.panel = panel;
        this.publisher = new ScorePublisher(queries, sink, alertSink, status);
        this.sink = sink;
        this.writer = new ScoreWriter(scores, new ScoreRows(json), status, scoring::failed, worker,
                this::succeededIfAll);
        this.worker = worker;
    }

    /** Queues the cells' regions for recompute (an analysis under way is abandoned) and returns at once. */
    public void schedule(Collection<Cell> cells) {
        if (closed || cells.isEmpty()) {
            return;
        }
        rescored = true;
        uncertainty.changing();
        cells.forEach(pending::add);
        scoring.takeFailed().forEach(pending::addAll);
        if (draining.compareAndSet(false, true)) {
            worker.executeBlocking(() -> {
                drain();
                return null;
            }, false);
        }
    }

    /** Whether anything was queued for scoring since the start's {@link #recomputeAll}. */
    public boolean rescored() {
        return rescored;
    }

    /** Other nodes write to the store too (theirs arrive as scores, not cells): recomputes read regions whole. */
    public void sharesStore() {
        scoring.sharesStore();
    }

    /** Whether scoring keeps up, for readiness and metrics. */
    public ScoringStatus status() {
        return status;
    }

    private void drain() {
        do {
            try {
                Map<String, List<YearScores>> scored = new LinkedHashMap<>();
                boolean ok = true;
                for (String region : pending.regions()) {
                    if (closed) {
                        break;
                    }
                    Set<Integer> changed = pending.take(region);
                    if (changed != null) {
                        Optional<List<YearScores>> years = scoring.score(region, changed);
                        years.ifPresent(y -> scored.put(region, y));
                        ok &= years.isPresent();
                    }
                }
                if (!scored.isEmpty() && !closed) {
                    ok &= publisher.publish(false, ScoreSink.SCORE, scored.keySet());
                    writer.writeBehind(scored);
                    analyse();
                }
                scoringFailing = !ok;
                succeededIfAll();
            } catch (Throwable e) { // an Error (out of memory) must not leave scoring stopped for good
                scoringFailing = true;
                status.failed("scoring", e);
                LOG.error("Scoring stopped part-way; it resumes with the next change", e);
            } finally {
                draining.set(false);
            }
        } while (!pending.isEmpty() && draining.compareAndSet(false, true));
    }

    private void succeededIfAll() {
        if (!scoringFailing && !writer.failing()) {
            status.succeeded();
        }
    }

    /** Queues every year of these regions for recompute (the set of plugins or a weight changed). */
    public void scheduleAll(Collection<String> regions) {
        schedule(regions.stream().map(region -> new Cell(region, Cell.ALL_YEARS)).toList());
    }

    /**
     * Stops taking work, waits (up to {@code timeout}) for a running recompute to be done and writes the rows not yet
     * written, so the database can close under it. Queued work is dropped: the next start recomputes it. Answers
     * whether the panel is in step with the database: nothing was dropped, cut off or failed.
     */
    public boolean close(Duration timeout) {
        closed = true;
        boolean dropped = !pending.isEmpty();
        pending.clear();
        long deadline = System.nanoTime() + timeout.toNanos();
        while ((draining.get() || !writer.done()) && System.nanoTime() < deadline) {
            if (!draining.get()) {
                writer.write(); // the rows behind, now, unless the worker is writing them
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !dropped && !draining.get() && writer.done() && !scoring.anyFailed() && status.healthy();
    }

    /** The analysis's ranges changed (a reload): the documents lose their old bands, and a new analysis runs. */
    public void reanalyse() {
        if (!closed) {
            worker.executeBlocking(() -> {
                publisher.publish(false, ScoreSink.SCORE, List.of());
                analyse();
                return null;
            }, false);
        }
    }

    /**
     * Takes a region's years another node of the cluster computed (it stored them and told the streams): into the
     * panel, and this node's documents rebuilt from it, without scoring again. Queued on the scoring worker.
     */
    public void adopt(String region, List<YearScores> years) {
        adopting(() -> panel.put(region, years));
    }

    /** Takes the uncertainty analysis another node ran of the same scores, and rebuilds the documents with it. */
    public void adopt(UncertaintyResult result) {
        adopting(() -> uncertainty.adopt(result));
    }

    private void adopting(Runnable change) {
        if (!closed) {
            worker.executeBlocking(() -> {
                change.run();
                publisher.remember();
                return null;
            }, false);
        }
    }

    /**
     * Scores every year of these regions into the panel and publishes every region, changed or not, so that reads
     * can be answered; blocks, and is used at start-up. The rest (the score rows, the first uncertainty analysis)
     * waits for {@link #settle}, once the server serves.
     */
    public void recomputeAll(Collection<String> regions) {
        regions.forEach(region -> scoring.scoreAll(region).ifPresent(years -> writer.hold(region, years)));
        publisher.publish(true, ScoreSink.SCORE, List.of());
    }

    /**
     * As {@link #recomputeAll}, when the start already answers reads with a {@link ScoreSnapshot}'s documents: they
     * are taken as sent, the analysis kept with them ({@code analysed}; seeded, so the one that would run again) is
     * taken as the new panel's, and only documents that came out different are sent.
     */
    public void recomputeServed(Collection<String> regions, Optional<UncertaintyResult> analysed) {
        publisher.served();
        regions.forEach(region -> scoring.scoreAll(region).ifPresent(years -> writer.hold(region, years)));
        analysed.ifPresent(uncertainty::adopt);
        publisher.publish(false, ScoreSink.SCORE, List.of());
    }

    /**
     * After {@link #recomputeAll}, on the scoring worker (so before any later change is scored): writes the score
     * rows it computed and asks for the first uncertainty analysis.
     */
    public void settle() {
        worker.executeBlocking(() -> {
            writer.write(); // even when closing: close writes what is left, so that a start leaves its scores stored
            if (!closed) {
                analyse();
            }
            return null;
        }, false);
    }

    /** Asks for an uncertainty analysis of the panel as it is now (it runs elsewhere and never delays a score). */
    private void analyse() {
        uncertainty.schedule(this::uncertaintyDone);
    }

    /** An uncertainty analysis finished: on the scoring worker, documents that now carry bands go to the stream. */
    private void uncertaintyDone(UncertaintyResult result) {
        if (closed) {
            return;
        }
        sink.analysed(result);
        worker.executeBlocking(() -> {
            if (uncertainty.current().isPresent()) {
                publisher.publish(false, ScoreSink.UNCERTAINTY, List.of());
            }
            return null;
        }, false);
    }
}
