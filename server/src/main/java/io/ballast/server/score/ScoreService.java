package io.ballast.server.score;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.store.Cell;
import io.ballast.server.store.ObservationStore;
import io.ballast.server.store.ScoreStore;
import io.ballast.server.store.ScoreStore.NewScore;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps scores in step with observations. Changed (region, year) cells are queued; one worker drains the queue,
 * recomputing each touched region from its earliest touched year on (later years may read earlier ones), once per
 * drain however many batches touched it. Only changed scores are written; a change refreshes the cache and goes to
 * the stream.
 */
public final class ScoreService {

    private static final Logger LOG = LoggerFactory.getLogger(ScoreService.class);

    private final ObservationStore observations;
    private final ScoreStore scores;
    private final Scorer scorer;
    private final ScoreQueries queries;
    private final ScoreSink sink;
    private final WorkerExecutor worker;
    private final ObjectMapper json;
    private final AlertSink alertSink;
    private final Map<String, java.util.Set<Alert>> notified = new ConcurrentHashMap<>();
    private final Map<String, Integer> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile boolean closed;

    public ScoreService(ObservationStore observations, ScoreStore scores, Scorer scorer, ScoreQueries queries,
                        ScoreSink sink, AlertSink alertSink, WorkerExecutor worker, ObjectMapper json) {
        this.alertSink = alertSink;
        this.observations = observations;
        this.scores = scores;
        this.scorer = scorer;
        this.queries = queries;
        this.sink = sink;
        this.worker = worker;
        this.json = json;
    }

    /** Queues the cells for recompute and returns at once. */
    public void schedule(Collection<Cell> cells) {
        if (closed) {
            return;
        }
        for (Cell cell : cells) {
            pending.merge(cell.region(), cell.period(), Math::min);
        }
        if (!cells.isEmpty() && draining.compareAndSet(false, true)) {
            worker.executeBlocking(() -> {
                drain();
                return null;
            }, false);
        }
    }

    private void drain() {
        do {
            for (String region : List.copyOf(pending.keySet())) {
                if (closed) {
                    break;
                }
                Integer from = pending.remove(region);
                if (from != null) {
                    recompute(region, from, false);
                }
            }
            draining.set(false);
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

    /** Recomputes every year of these regions and publishes each one, changed or not. Blocks; used at start-up. */
    public void recomputeAll(Collection<String> regions) {
        for (String region : regions) {
            recompute(region, Integer.MIN_VALUE, true);
        }
    }

    private void recompute(String region, int fromYear, boolean publishAlways) {
        try {
            long started = System.nanoTime();
            RegionData data = RegionData.of(observations.ofRegion(region));
            List<YearScores> years = scorer.score(region, data, fromYear);
            int from = years.isEmpty() ? fromYear : Math.max(fromYear, years.get(0).period());
            int changed = scores.replace(region, from, rows(years));
            if (changed > 0 || publishAlways) {
                queries.refresh(region).ifPresent(doc -> sink.publish(region, doc));
                notifyNewAlerts(region, publishAlways);
            }
            LOG.debug("Recomputed {} from {}: {} scores changed in {} ms", region, from, changed,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.error("Recompute of {} failed; its stored scores are unchanged", region, e);
        }
    }

    /** Hands alerts that did not hold before to the sink; at start-up the current alerts are the baseline. */
    private void notifyNewAlerts(String region, boolean baseline) {
        java.util.Set<Alert> now = new java.util.LinkedHashSet<>(queries.alerts(region));
        java.util.Set<Alert> before = notified.put(region, now);
        if (baseline || before == null) {
            return;
        }
        List<Alert> fresh = now.stream().filter(a -> !before.contains(a)).toList();
        if (!fresh.isEmpty()) {
            alertSink.fired(fresh);
        }
    }

    private List<NewScore> rows(List<YearScores> years) {
        List<NewScore> rows = new ArrayList<>();
        for (YearScores year : years) {
            for (IndicatorScore s : year.indicators()) {
                rows.add(new NewScore(s.id(), year.period(), s.score(), s.coverage(), toJson(s)));
            }
            year.composite().ifPresent(c -> rows.add(new NewScore(ScoreQueries.COMPOSITE, year.period(), c.score(),
                    c.coverage(), toJson(c))));
        }
        return rows;
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value, e);
        }
    }
}
