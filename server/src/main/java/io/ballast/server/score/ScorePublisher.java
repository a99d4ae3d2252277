package io.ballast.server.score;

import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends rebuilt latest documents to the stream: rebuilds every region's document, sends those whose bytes changed
 * since last sent (or all), and hands alerts that did not hold before to the alert sink. The regions just scored go
 * first and each document is sent as soon as it is built: their viewers' event waits for one document, not for the
 * other regions' (rebuilt too, as a change can move their ranks), and those wait until the first events are written
 * to this node's streams, so that the writing has the cores to itself. Runs on the scoring worker.
 */
final class ScorePublisher {

    private static final Logger LOG = LoggerFactory.getLogger(ScoreService.class);
    /** How long the other documents wait for the scored regions' events to be written, at most. */
    private static final Duration WRITE_WAIT = Duration.ofSeconds(1);

    private final ScoreQueries queries;
    private final ScoreSink sink;
    private final AlertSink alertSink;
    private final ScoringStatus status;
    private final Map<String, Set<Alert>> notified = new ConcurrentHashMap<>();
    private final Map<String, Buffer> published = new HashMap<>();

    ScorePublisher(ScoreQueries queries, ScoreSink sink, AlertSink alertSink, ScoringStatus status) {
        this.queries = queries;
        this.sink = sink;
        this.alertSink = alertSink;
        this.status = status;
    }

    /**
     * Rebuilds and sends every configured region's document, those of {@code first} (the regions just scored) before
     * the others; answers whether every document was rebuilt and sent.
     */
    boolean publish(boolean always, String event, Collection<String> first) {
        try {
            queries.dropHistories();
            List<String> configured = queries.regions();
            List<String> scored = first.stream().filter(configured::contains).distinct().toList();
            boolean sent = false;
            for (String region : scored) {
                sent |= send(region, always, event);
            }
            if (sent) {
                awaitWritten();
            }
            for (String region : configured) {
                if (!scored.contains(region)) {
                    send(region, always, event);
                }
            }
            return true;
        } catch (Throwable e) { // out of memory included: readers keep the previous documents, the next change retries
            status.failed("publishing the latest scores", e);
            LOG.error("Rebuilding or sending the latest documents failed; readers keep the previous ones", e);
            return false;
        }
    }

    /**
     * Waits (at most {@link #WRITE_WAIT}) until the scored regions' events are written to this node's streams: on few
     * cores, rebuilding the other documents at the same time would make every stream wait for a core.
     */
    private void awaitWritten() {
        try {
            sink.written().toCompletableFuture().get(WRITE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.debug("Going on before the streams had their event", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Rebuilds a region's document and sends it if it changed (or {@code always}); answers whether it was sent. */
    private boolean send(String region, boolean always, String event) {
        Optional<Buffer> doc = queries.refresh(region);
        if (doc.isEmpty()) {
            return false;
        }
        Buffer bytes = doc.get();
        Buffer before = published.get(region);
        boolean send = always || before == null || !before.equals(bytes);
        if (send) {
            sink.publish(region, event, bytes);
        }
        published.put(region, bytes); // only once sent: a failed send is sent again with the next pass
        notifyNewAlerts(region, always);
        return send;
    }

    /**
     * Rebuilds every region's document and takes it as sent, without sending (another node sent it): this node then
     * sends a region again only when its own scoring changes it.
     */
    void remember() {
        try {
            queries.refreshAll().forEach((region, doc) -> doc.ifPresent(bytes -> published.put(region, bytes)));
        } catch (Throwable e) { // out of memory included: readers keep the previous documents
            status.failed("rebuilding the latest scores", e);
            LOG.error("Rebuilding the latest documents failed; readers keep the previous ones", e);
        }
    }

    /** Takes the documents served now (a {@link ScoreSnapshot}'s) as sent: only a different one is sent again. */
    void served() {
        for (String region : queries.regions()) {
            queries.latest(region).ifPresent(bytes -> published.put(region, bytes));
        }
    }

    /** Hands alerts that did not hold before to the sink; at start-up the current alerts are the baseline. */
    private void notifyNewAlerts(String region, boolean baseline) {
        Set<Alert> now = new LinkedHashSet<>(queries.alerts(region));
        Set<Alert> before = notified.put(region, now);
        if (baseline || before == null) {
            return;
        }
        List<Alert> fresh = now.stream().filter(a -> !before.contains(a)).toList();
        if (!fresh.isEmpty()) {
            alertSink.fired(fresh);
        }
    }
}
