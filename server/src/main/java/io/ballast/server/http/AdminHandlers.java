package io.ballast.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.indicator.LoadedPlugin;
import io.ballast.server.indicator.PluginHost;
import io.vertx.ext.web.RoutingContext;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/** {@code POST /api/v1/admin/plugins/{id}/disable} and {@code .../enable}: an admin switches a plugin off or on. */
public final class AdminHandlers {

    private final PluginHost plugins;
    private final CatalogHandlers catalog;
    private final ObjectMapper json;

    public AdminHandlers(PluginHost plugins, CatalogHandlers catalog, ObjectMapper json) {
        this.plugins = plugins;
        this.catalog = catalog;
        this.json = json;
    }

    void disable(RoutingContext ctx) {
        reply(ctx, () -> plugins.disable(ctx.pathParam("id")));
    }

    void enable(RoutingContext ctx) {
        reply(ctx, () -> plugins.enable(ctx.pathParam("id")));
    }

    private void reply(RoutingContext ctx, Supplier<LoadedPlugin> change) {
        LoadedPlugin plugin;
        try {
            plugin = change.get();
        } catch (NoSuchElementException e) {
            throw Problem.notFound("No plugin has the id '" + ctx.pathParam("id") + "'; see GET /api/v1/indicators.");
        }
        Json.send(ctx, json, catalog.describe(plugin));
    }
}
