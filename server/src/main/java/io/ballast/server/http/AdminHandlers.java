package io.ballast.server.http;

import io.ballast.server.indicator.LoadedPlugin;
import io.vertx.ext.web.RoutingContext;
import java.util.NoSuchElementException;

/** {@code POST /api/v1/admin/plugins/{id}/disable} and {@code .../enable}: an admin switches a plugin off or on. */
final class AdminHandlers {

    private final Services services;
    private final CatalogHandlers catalog;

    AdminHandlers(Services services, CatalogHandlers catalog) {
        this.services = services;
        this.catalog = catalog;
    }

    void disable(RoutingContext ctx) {
        reply(ctx, () -> services.plugins().disable(ctx.pathParam("id")));
    }

    void enable(RoutingContext ctx) {
        reply(ctx, () -> services.plugins().enable(ctx.pathParam("id")));
    }

    private void reply(RoutingContext ctx, java.util.function.Supplier<LoadedPlugin> change) {
        LoadedPlugin plugin;
        try {
            plugin = change.get();
        } catch (NoSuchElementException e) {
            throw Problem.notFound("No plugin has the id '" + ctx.pathParam("id") + "'; see GET /api/v1/indicators.");
        }
        Json.send(ctx, services.json(), catalog.describe(plugin));
    }
}
