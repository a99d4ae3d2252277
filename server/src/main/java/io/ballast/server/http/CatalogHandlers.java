package io.ballast.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.config.BallastConfig;
import io.ballast.server.indicator.LoadedPlugin;
import io.ballast.server.indicator.PluginHost;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** {@code GET /api/v1/indicators} and {@code GET /api/v1/regions}: what the server measures, and where. */
public final class CatalogHandlers {

    private final PluginHost plugins;
    private final Supplier<BallastConfig.Reloadable> config;
    private final ObjectMapper json;

    public CatalogHandlers(PluginHost plugins, Supplier<BallastConfig.Reloadable> config, ObjectMapper json) {
        this.plugins = plugins;
        this.config = config;
        this.json = json;
    }

    void indicators(RoutingContext ctx) {
        List<Map<String, Object>> out = plugins.all().stream().map(this::describe).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("indicators", out);
        body.put("refused", plugins.refusals());
        Json.send(ctx, json, body);
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
        m.put("weight", config.get().weightOf(p.id()));
        m.put("parameters", p.descriptor().parameters());
        p.failure().ifPresent(f -> m.put("failure", f));
        m.put("since", p.since().toString());
        return m;
    }

    void regions(RoutingContext ctx) {
        Json.send(ctx, json, Map.of("regions", config.get().regions()));
    }
}
