package io.ballast.server.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.outbound.Outbound;
import io.ballast.server.outbound.RetryPolicy;
import io.ballast.server.score.Alert;
import io.ballast.server.score.AlertSink;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts new alerts as JSON ({@code {"alerts":[...]}}) to the configured webhook through the shared {@link Outbound}
 * client, asynchronously, retrying a failed delivery (a network error or a non-2xx answer) with doubling backoff:
 * 1 s, 2 s, 4 s… up to a minute.
 */
public final class AlertWebhook implements AlertSink {

    private static final Logger LOG = LoggerFactory.getLogger(AlertWebhook.class);

    private final URI url;
    private final RetryPolicy retry;
    private final Duration timeout;
    private final ObjectMapper json;
    private final Outbound outbound;

    public AlertWebhook(URI url, int retries, Duration timeout, ObjectMapper json, Outbound outbound) {
        this.url = url;
        this.retry = RetryPolicy.doubling(retries, 1000);
        this.timeout = timeout;
        this.json = json;
        this.outbound = outbound;
    }

    @Override
    public void fired(List<Alert> alerts) {
        Buffer body;
        try {
            body = Buffer.buffer(json.writeValueAsBytes(Map.of("alerts", alerts)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        outbound.withRetries(retry, failure -> true,
                (failure, n, waitMs) -> LOG.debug("Alert webhook {}: {}; retry {} in {} ms", url.getHost(),
                        failure.getMessage(), n, waitMs),
                () -> deliver(body))
                .onFailure(e -> LOG.warn("Alert webhook {} failed after {} attempts ({}); the alerts stay visible in "
                        + "the API", url.getHost(), retry.retries() + 1, e.getMessage()));
    }

    private Future<Void> deliver(Buffer body) {
        return outbound.web().postAbs(url.toString())
                .connectTimeout(timeout.toMillis())
                .idleTimeout(timeout.toMillis())
                .putHeader("Content-Type", "application/json")
                .sendBuffer(body)
                .compose(response -> response.statusCode() / 100 == 2 ? Future.<Void>succeededFuture()
                        : Future.failedFuture("HTTP " + response.statusCode()));
    }
}
