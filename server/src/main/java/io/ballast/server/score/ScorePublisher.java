package io.ballast.server.score;

import io.vertx.core.buffer.Buffer;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends rebuilt latest documents to the stream: rebuilds every region's document, sends those whose bytes changed
 * since last sent (or all), and hands alerts that did not hold before to the alert sink. The regions just scored go
 * first and each document is sent as soon as it is built: their viewers' event waits for one document, not for the
 * other regions' (rebuilt too, as a change can move their ranks). Runs on the scoring worker.
 */
final class ScorePublisher {

    private static final Logger LOG = LoggerFactory.getLogger(ScoreService.class);

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
            for (String region : order(first)) {
                Optional<Buffer> doc = queries.refresh(region);
                if (doc.isEmpty()) {
                    continue;
                }
                Buffer bytes = doc.get();
                Buffer before = published.get(region);
                if (always || before == null || !before.equals(bytes)) {
                    sink.publish(region, event, bytes);
                }
                published.put(region, bytes); // only once sent: a failed send is sent again with the next pass
                notifyNewAlerts(region, always);
            }
            return true;
        } catch (Throwable e) { // out of memory included: readers keep the previous documents, the next change retries
            status.failed("publishing the latest scores", e);
            LOG.error("Rebuilding or sending the latest documents failed; readers keep the previous ones", e);
            return false;
        }
    }

    /** The configured regions, those of {@code first} that are configured ahead of the others. */
    private List<String> order(Collection<String> first) {
        List<String> configured = queries.regions();
        Set<String> ordered = new LinkedHashSet<>();
        first.stream().filter(configured::contains).forEach(ordered::add);
        ordered.addAll(configured);
        return List.copyOf(ordered);
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
