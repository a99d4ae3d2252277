package io.ballast.server.score;

import io.ballast.server.store.ScoreStore;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes recomputed scores to the score store, after they were published: only the rows that changed, and behind the
 * events. A change's rows are written {@link #BEHIND} later on the scoring worker, with those of the changes made
 * meanwhile, so that the writing neither delays an event nor competes for the cores with the streams reading it; the
 * start-up's wait for {@link #write}. A region whose rows could not be written is handed to {@code retry}, so that
 * the next change scores and writes it again.
 */
final class ScoreWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ScoreService.class);
    /** How long after a change its score rows are written, at most. */
    static final Duration BEHIND = Duration.ofMillis(250);

    private final ScoreStore scores;
    private final ScoreRows rows;
    private final ScoringStatus status;
    private final Consumer<String> retry;
    private final WorkerExecutor worker;
    private final Runnable succeeded;
    /** Each region's years whose rows are still to write (a region scored again meanwhile: its newer years). */
    private final Map<String, List<YearScores>> unwritten = new ConcurrentHashMap<>();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean due = new AtomicBoolean();
    private volatile boolean failing;

    /** {@code succeeded} hears of each writing that wrote every row. */
    ScoreWriter(ScoreStore scores, ScoreRows rows, ScoringStatus status, Consumer<String> retry,
                WorkerExecutor worker, Runnable succeeded) {
        this.scores = scores;
        this.rows = rows;
        this.status = status;
        this.retry = retry;
        this.worker = worker;
        this.succeeded = succeeded;
    }

    /** Keeps a region's years to write with the next {@link #write}. */
    void hold(String region, List<YearScores> years) {
        unwritten.put(region, years);
    }

    /** Keeps the regions' years and writes them {@link #BEHIND} from now on the scoring worker (unless already due). */
    void writeBehind(Map<String, List<YearScores>> scored) {
        unwritten.putAll(scored);
        if (due.compareAndSet(false, true)) {
            // the JDK's delay thread only hands the writing over to the scoring worker
            CompletableFuture.delayedExecutor(BEHIND.toMillis(), TimeUnit.MILLISECONDS, Runnable::run)
                    .execute(this::writeOnWorker);
        }
    }

    private void writeOnWorker() {
        try {
            worker.executeBlocking(() -> {
                due.set(false);
                write();
                return null;
            }, false);
        } catch (RuntimeException e) { // the worker is closed: the server closes, and its close writes the rows
            due.set(false);
            LOG.debug("Rows left to the close: the scoring worker no longer takes work", e);
        }
    }

    /** Writes every region's years not yet written, unless another thread is writing them now. */
    void write() {
        if (!writing.compareAndSet(false, true)) {
            return;
        }
        try {
            Map<String, List<YearScores>> taken = new LinkedHashMap<>(unwritten);
            taken.forEach(unwritten::remove); // only if unchanged: a region scored again meanwhile stays
            failing = !write(taken);
        } finally {
            writing.set(false);
        }
        if (!failing) {
            succeeded.run();
        }
    }

    /** Whether the last writing of rows failed (their regions are scored and written again with the next change). */
    boolean failing() {
        return failing;
    }

    /** Whether every row kept has been written (or failed), and none is being written. */
    boolean done() {
        return unwritten.isEmpty() && !writing.get();
    }

    private boolean write(Map<String, List<YearScores>> scored) {
        boolean ok = true;
        for (Map.Entry<String, List<YearScores>> region : scored.entrySet()) {
            try {
                int changed = scores.replace(region.getKey(), Integer.MIN_VALUE, rows.rows(region.getValue()));
                LOG.debug("Stored {}: {} score rows changed", region.getKey(), changed);
            } catch (Throwable e) { // out of memory included: readers and streams have the scores already
                retry.accept(region.getKey());
                status.failed("storing the scores of " + region.getKey(), e);
                LOG.error("Storing the scores of {} failed; they are written again with the next change",
                        region.getKey(), e);
                ok = false;
            }
        }
        return ok;
    }
}
