package io.ballast.server.http;

import io.ballast.server.indicator.LoadedPlugin;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /health/live} (the process answers) and {@code /health/ready} (database and plugins usable). */
final class HealthHandlers {

    private final Services services;

    HealthHandlers(Services services) {
        this.services = services;
    }

    void live(RoutingContext ctx) {
        Json.send(ctx, services.json(), Map.of("status", "UP"));
    }

    void ready(RoutingContext ctx) {
        services.workers().run(() -> {
            services.database().ping();
            return true;
        }).otherwise(false).onSuccess(databaseUp -> {
            long started = services.plugins().started().size();
            Map<String, Object> checks = new LinkedHashMap<>();
            checks.put("database", databaseUp ? "UP" : "DOWN");
            Map<String, Object> plugins = new LinkedHashMap<>();
            plugins.put("started", started);
            plugins.put("total", services.plugins().all().size());
            plugins.put("failed", services.plugins().all().stream()
                    .filter(p -> p.state().name().equals("FAILED")).map(LoadedPlugin::id).toList());
            checks.put("plugins", plugins);
            checks.put("streams", services.streams().open());
            Map<String, Object> sources = new LinkedHashMap<>();
            services.sources().all().forEach((name, st) -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("lastAttempt", st.lastAttempt().toString());
                m.put("lastSuccess", st.lastSuccess().map(Object::toString).orElse(null));
                st.lastError().ifPresent(e -> m.put("lastError", e));
                sources.put(name, m);
            });
            // a source that cannot be reached keeps the data it has: reported here, but not a reason to stop serving
            checks.put("sources", sources);
            boolean up = databaseUp && started > 0;
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", up ? "UP" : "DOWN");
            body.put("checks", checks);
            ctx.response().setStatusCode(up ? 200 : 503);
            Json.send(ctx, services.json(), body);
        });
    }
}
