package io.ballast.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.api.Health;
import io.ballast.api.InputSpec;
import io.ballast.server.config.BallastConfig;
import io.ballast.server.indicator.LoadedPlugin;
import io.ballast.server.indicator.Measurer;
import io.ballast.server.indicator.PluginHost;
import io.ballast.server.score.InputScore;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/indicators} and {@code GET /api/v1/regions}: what the server measures, and where. Each plugin's
 * own health check runs on a plugin thread with the measure time limit, all at once, never on the event loop.
 */
public final class CatalogHandlers {

    private final PluginHost plugins;
    private final Measurer measurer;
    private final Supplier<BallastConfig.Reloadable> config;
    private final ObjectMapper json;

    public CatalogHandlers(PluginHost plugins, Measurer measurer, Supplier<BallastConfig.Reloadable> config,
                           ObjectMapper json) {
        this.plugins = plugins;
        this.measurer = measurer;
        this.config = config;
        this.json = json;
    }

    void indicators(RoutingContext ctx) {
        List<LoadedPlugin> all = plugins.all();
        List<CompletableFuture<Health>> checks = all.stream().map(measurer::health).toList();
        Future.fromCompletionStage(CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)),
                ctx.vertx().getOrCreateContext()).onComplete(done -> {
                    List<Map<String, Object>> out = new java.util.ArrayList<>();
                    for (int i = 0; i < all.size(); i++) {
                        Map<String, Object> m = describe(all.get(i));
                        m.put("health", checks.get(i).join());
                        out.add(m);
                    }
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("indicators", out);
                    body.put("refused", plugins.refusals());
                    Json.send(ctx, json, body);
                });
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
        m.put("basket", p.descriptor().basket().stream().map(CatalogHandlers::input).toList());
        p.failure().ifPresent(f -> m.put("failure", f));
        m.put("since", p.since().toString());
        return m;
    }

    /** One declared input of a basket, its goalposts as the plugin declares them (before config overrides). */
    private static Map<String, Object> input(InputSpec in) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", in.key());
        m.put("label", in.label());
        m.put("series", in.series());
        m.put("role", in.role().map(r -> r.name().toLowerCase(Locale.ROOT)).orElse(null));
        m.put("goalposts", InputScore.Limits.of(in.goalposts()));
        m.put("weight", in.weight());
        return m;
    }

    void regions(RoutingContext ctx) {
        Json.send(ctx, json, Map.of("regions", config.get().regions()));
    }
}
