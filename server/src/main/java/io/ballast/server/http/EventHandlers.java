package io.ballast.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.config.BallastConfig;
import io.ballast.server.store.EventRow;
import io.ballast.server.store.ObservationStore;
import io.ballast.server.store.StoreWorkers;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** {@code GET /api/v1/events?region=}: dated policy events with their sources, for chart annotations. */
public final class EventHandlers {

    private final ObservationStore store;
    private final StoreWorkers workers;
    private final Supplier<BallastConfig.Reloadable> config;
    private final ObjectMapper json;

    public EventHandlers(ObservationStore store, StoreWorkers workers, Supplier<BallastConfig.Reloadable> config,
                         ObjectMapper json) {
        this.store = store;
        this.workers = workers;
        this.config = config;
        this.json = json;
    }

    void events(RoutingContext ctx) {
        String region = QueryParams.region(ctx, config.get());
        workers.run(() -> store.events(region))
                .onSuccess(rows -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("region", region);
                    body.put("events", rows.stream().map(EventHandlers::describe).toList());
                    Json.send(ctx, json, body);
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
