package io.ballast.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.config.BallastConfig;
import io.ballast.server.store.ControlEvent;
import io.ballast.server.store.EventStore;
import io.ballast.server.store.StoreWorkers;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/events?region=}: the export-control actions counted against a region, with their sources, for
 * chart annotations and the exposure indicator's control pressure.
 */
public final class EventHandlers {

    private final EventStore store;
    private final StoreWorkers workers;
    private final Supplier<BallastConfig.Reloadable> config;
    private final ObjectMapper json;

    public EventHandlers(EventStore store, StoreWorkers workers, Supplier<BallastConfig.Reloadable> config,
                         ObjectMapper json) {
        this.store = store;
        this.workers = workers;
        this.config = config;
        this.json = json;
    }

    void events(RoutingContext ctx) {
        String region = QueryParams.region(ctx, config.get());
        workers.run(() -> store.ofRegion(region))
                .onSuccess(rows -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("region", region);
                    body.put("events", rows.stream().map(EventHandlers::describe).toList());
                    Json.send(ctx, json, body);
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
