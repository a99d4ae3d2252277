package io.ballast.server.http;

import io.ballast.server.ingest.IngestService;
import io.ballast.server.score.ScenarioService;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /api/v1/scenarios}: hypothetical observations in the format of {@code POST /api/v1/observations},
 * validated the same way, answered with the scores they would give; nothing is stored.
 */
public final class ScenarioHandlers {

    private final IngestService ingest;
    private final ScenarioService scenarios;

    public ScenarioHandlers(IngestService ingest, ScenarioService scenarios) {
        this.ingest = ingest;
        this.scenarios = scenarios;
    }

    void post(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        String media = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (type != null && !media.equals("application/json") && !media.endsWith("+json")) {
            throw new Problem(415, "Unsupported media type", "Send the hypothetical observations as "
                    + "application/json, not " + type + ".", Map.of());
        }
        byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        ingest.validate(body)
                .compose(scenarios::evaluate)
                .onSuccess(doc -> Json.send(ctx, doc))
                .onFailure(ctx::fail);
    }
}
