package io.ballast.server.http;

import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** {@code POST /api/v1/observations}: a batch of observations, stored all-or-nothing. */
final class ObservationHandlers {

    private final Services services;

    ObservationHandlers(Services services) {
        this.services = services;
    }

    void post(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        String media = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
        if (type != null && !media.equals("application/json") && !media.endsWith("+json")) {
            throw new Problem(415, "Unsupported media type", "Send the observations as application/json, not "
                    + type + ".", Map.of());
        }
        byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        services.ingest().ingest(body)
                .onSuccess(result -> {
                    services.metrics().ingested(result.accepted(), "stored");
                    Json.send(ctx, services.json(),
                            Map.of("accepted", result.accepted(), "changedCells", result.changedCells()));
                })
                .onFailure(e -> {
                    services.metrics().ingested(0, "rejected");
                    ctx.fail(e);
                });
    }
}
