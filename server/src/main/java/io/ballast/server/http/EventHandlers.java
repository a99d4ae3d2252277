package io.ballast.server.http;

import io.ballast.server.store.ControlEvent;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/v1/events?region=}: the export-control actions counted against a region, with their sources, for
 * chart annotations and the exposure indicator's control pressure.
 */
final class EventHandlers {

    private final Services services;

    EventHandlers(Services services) {
        this.services = services;
    }

    void events(RoutingContext ctx) {
        String region = QueryParams.region(ctx, services.config());
        services.workers().run(() -> services.database().events().ofRegion(region))
                .onSuccess(rows -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("region", region);
                    body.put("events", rows.stream().map(EventHandlers::describe).toList());
                    Json.send(ctx, services.json(), body);
                })
                .onFailure(ctx::fail);
    }

    private static Map<String, Object> describe(ControlEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.key());
        m.put("date", e.date().toString());
        m.put("jurisdiction", e.jurisdiction());
        m.put("targets", e.targets());
        m.put("type", e.type());
        m.put("direction", e.direction());
        m.put("scope", e.scope());
        m.put("entities", e.entities());
        // v1's field: entities a tightening added (a relaxation or suspension adds none)
        m.put("entitiesAdded", e.direction().equals("tighten") ? e.entities() : null);
        m.put("title", e.title());
        m.put("source", e.source());
        m.put("note", e.note());
        m.put("origin", e.origin());
        m.put("needsReview", e.needsReview());
        return m;
    }
}
