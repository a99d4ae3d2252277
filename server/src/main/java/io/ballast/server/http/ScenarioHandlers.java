package io.ballast.server.http;

import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * {@code POST /api/v1/scenarios}: hypothetical observations in the format of {@code POST /api/v1/observations},
 * validated the same way, answered with the scores they would give; nothing is stored.
 */
final class ScenarioHandlers {

    private final Services services;

    ScenarioHandlers(Services services) {
        this.services = services;
    }

    void post(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        String media = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
        if (type != null && !media.equals("application/json") && !media.endsWith("+json")) {
            throw new Problem(415, "Unsupported media type", "Send the hypothetical observations as "
                    + "application/json, not " + type + ".", Map.of());
        }
        byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        services.ingest().validate(body)
                .compose(observations -> services.scenarios().evaluate(observations))
                .onSuccess(doc -> Json.send(ctx, doc))
                .onFailure(ctx::fail);
    }
}
