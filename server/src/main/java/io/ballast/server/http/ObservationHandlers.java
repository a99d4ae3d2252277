package io.ballast.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.ingest.IngestService;
import io.ballast.server.metrics.Metrics;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** {@code POST /api/v1/observations}: a batch of observations, stored all-or-nothing. */
public final class ObservationHandlers {

    private final IngestService ingest;
    private final Metrics metrics;
    private final ObjectMapper json;

    public ObservationHandlers(IngestService ingest, Metrics metrics, ObjectMapper json) {
        this.ingest = ingest;
        this.metrics = metrics;
        this.json = json;
    }

    /** Refuses a body declared as anything but JSON (no Content-Type is taken as JSON). */
    static void requireJson(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        String media = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
        if (type != null && !media.equals("application/json") && !media.endsWith("+json")) {
            throw new Problem(415, "Unsupported media type", "Send the body as application/json, not " + type + ".",
                    Map.of());
        }
    }

    void post(RoutingContext ctx) {
        requireJson(ctx);
        byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        ingest.ingest(body)
                .onSuccess(result -> {
                    metrics.ingested(result.accepted(), "stored");
                    Json.send(ctx, json, Map.of("accepted", result.accepted(), "changedCells", result.changedCells()));
                })
                .onFailure(e -> {
                    metrics.ingested(0, "rejected");
                    ctx.fail(e);
                });
    }
}
