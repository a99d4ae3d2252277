package io.ballast.server.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.score.Alert;
import io.ballast.server.score.AlertSink;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts new alerts as JSON ({@code {"alerts":[...]}}) to the configured webhook, asynchronously, retrying a failed
 * delivery (a network error or a non-2xx answer) with exponential backoff: 1 s, 2 s, 4 s…
 */
public final class AlertWebhook implements AlertSink {

    private static final Logger LOG = LoggerFactory.getLogger(AlertWebhook.class);

    private final URI url;
    private final int retries;
    private final Duration timeout;
    private final ObjectMapper json;
    private final HttpClient client;
    private final long firstBackoffMillis;

    public AlertWebhook(URI url, int retries, Duration timeout, ObjectMapper json) {
        this(url, retries, timeout, json, 1000);
    }

    AlertWebhook(URI url, int retries, Duration timeout, ObjectMapper json, long firstBackoffMillis) {
        this.url = url;
        this.retries = retries;
        this.timeout = timeout;
        this.json = json;
        this.firstBackoffMillis = firstBackoffMillis;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public void fired(List<Alert> alerts) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(Map.of("alerts", alerts));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        attempt(request, 0);
    }

    private void attempt(HttpRequest request, int attempt) {
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
            boolean ok = error == null && response.statusCode() / 100 == 2;
            if (ok) {
                return null;
            }
            String why = error != null ? error.toString() : "HTTP " + response.statusCode();
            if (attempt >= retries) {
                LOG.warn("Alert webhook {} failed after {} attempts ({}); the alerts stay visible in the API",
                        url.getHost(), attempt + 1, why);
                return null;
            }
            long delay = firstBackoffMillis << attempt;
            CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS).execute(() -> attempt(request, attempt + 1));
            return null;
        });
    }
}
