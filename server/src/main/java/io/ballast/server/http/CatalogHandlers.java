package io.ballast.server.http;

import io.ballast.server.indicator.LoadedPlugin;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/v1/indicators} and {@code GET /api/v1/regions}: what the server measures, and where. */
final class CatalogHandlers {

    private final Services services;

    CatalogHandlers(Services services) {
        this.services = services;
    }

    void indicators(RoutingContext ctx) {
        List<Map<String, Object>> out = services.plugins().all().stream().map(this::describe).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("indicators", out);
        body.put("refused", services.plugins().refusals());
        Json.send(ctx, services.json(), body);
    }

    Map<String, Object> describe(LoadedPlugin p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("name", p.descriptor().name());
        m.put("description", p.descriptor().description());
        m.put("version", p.descriptor().version());
        m.put("source", p.source());
        m.put("builtIn", p.loader().isEmpty());
        m.put("state", p.state().name());
        m.put("inputs", p.descriptor().inputs());
        m.put("weight", services.config().weightOf(p.id()));
        m.put("parameters", p.descriptor().parameters());
        p.failure().ifPresent(f -> m.put("failure", f));
        m.put("since", p.since().toString());
        return m;
    }

    void regions(RoutingContext ctx) {
        Json.send(ctx, services.json(), Map.of("regions", services.config().regions()));
    }
}
