package io.ballast.server.http;

import io.ballast.server.store.EventRow;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /api/v1/events?region=}: dated policy events with their sources, for chart annotations. */
final class EventHandlers {

    private final Services services;

    EventHandlers(Services services) {
        this.services = services;
    }

    void events(RoutingContext ctx) {
        String region = QueryParams.region(ctx, services.config());
        services.workers().run(() -> services.database().observations().events(region))
                .onSuccess(rows -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("region", region);
                    body.put("events", rows.stream().map(EventHandlers::describe).toList());
                    Json.send(ctx, services.json(), body);
                })
                .onFailure(ctx::fail);
    }

    private static Map<String, Object> describe(EventRow e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("date", e.eventDate().toString());
        m.put("jurisdiction", e.jurisdiction());
        m.put("title", e.title());
        m.put("entitiesAdded", e.entitiesAdded());
        m.put("source", e.source());
        return m;
    }
}
