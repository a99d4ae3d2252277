package io.ballast.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.connector.SourceStatus;
import io.ballast.server.indicator.LoadedPlugin;
import io.ballast.server.indicator.PluginHost;
import io.ballast.server.indicator.PluginState;
import io.ballast.server.store.Database;
import io.ballast.server.store.StoreWorkers;
import io.ballast.server.stream.StreamGate;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /health/live} (the process answers) and {@code /health/ready} (database and plugins usable). */
public final class HealthHandlers {

    private final Database database;
    private final StoreWorkers workers;
    private final PluginHost plugins;
    private final StreamGate streams;
    private final SourceStatus sources;
    private final ObjectMapper json;

    public HealthHandlers(Database database, StoreWorkers workers, PluginHost plugins, StreamGate streams,
                          SourceStatus sources, ObjectMapper json) {
        this.database = database;
        this.workers = workers;
        this.plugins = plugins;
        this.streams = streams;
        this.sources = sources;
        this.json = json;
    }

    void live(RoutingContext ctx) {
        Json.send(ctx, json, Map.of("status", "UP"));
    }

    void ready(RoutingContext ctx) {
        workers.run(() -> {
            database.ping();
            return true;
        }).otherwise(false).onSuccess(databaseUp -> {
            long started = plugins.started().size();
            Map<String, Object> checks = new LinkedHashMap<>();
            checks.put("database", databaseUp ? "UP" : "DOWN");
            Map<String, Object> plugin = new LinkedHashMap<>();
            plugin.put("started", started);
            plugin.put("total", plugins.all().size());
            plugin.put("failed", plugins.all().stream().filter(p -> p.state() == PluginState.FAILED)
                    .map(LoadedPlugin::id).toList());
            checks.put("plugins", plugin);
            checks.put("streams", streams.open());
            // a source that cannot be reached keeps the data it has: reported here, but not a reason to stop serving
            checks.put("sources", sources());
            boolean up = databaseUp && started > 0;
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", up ? "UP" : "DOWN");
            body.put("checks", checks);
            ctx.response().setStatusCode(up ? 200 : 503);
            Json.send(ctx, json, body);
        });
    }

    private Map<String, Object> sources() {
        Map<String, Object> out = new LinkedHashMap<>();
        sources.all().forEach((name, st) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lastAttempt", st.lastAttempt().toString());
            m.put("lastSuccess", st.lastSuccess().map(Object::toString).orElse(null));
            st.lastError().ifPresent(e -> m.put("lastError", e));
            out.put(name, m);
        });
        return out;
    }
}
