package io.ballast.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.config.BallastConfig;
import io.ballast.server.ingest.EventService;
import io.ballast.server.store.ControlEvent;
import io.ballast.server.store.EventChange;
import io.ballast.server.store.EventStore;
import io.ballast.server.store.StoreWorkers;
import io.ballast.server.stream.EventAnnotations;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The export-control events: {@code GET /api/v1/events?region=} lists those counted against a region (chart
 * annotations, the exposure indicator's control pressure), {@code ?review=true} those whose mapping awaits review;
 * {@code POST} adds actions by hand, {@code PATCH /api/v1/events/:id} corrects or reviews one, {@code DELETE}
 * retracts one.
 */
public final class EventHandlers {

    private final EventStore store;
    private final StoreWorkers workers;
    private final Supplier<BallastConfig.Reloadable> config;
    private final ObjectMapper json;
    private final EventService service;

    public EventHandlers(EventStore store, StoreWorkers workers, Supplier<BallastConfig.Reloadable> config,
                         ObjectMapper json, EventService service) {
        this.store = store;
        this.workers = workers;
        this.config = config;
        this.json = json;
        this.service = service;
    }

    void events(RoutingContext ctx) {
        if (ctx.queryParam("review").contains("true")) {
            workers.run(store::awaitingReview)
                    .onSuccess(rows -> Json.send(ctx, json, Map.of("events", describe(rows))))
                    .onFailure(ctx::fail);
            return;
        }
        String region = QueryParams.region(ctx, config.get());
        workers.run(() -> store.ofRegion(region))
                .onSuccess(rows -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("region", region);
                    body.put("events", describe(rows));
                    Json.send(ctx, json, body);
                })
                .onFailure(ctx::fail);
    }

    void post(RoutingContext ctx) {
        ObservationHandlers.requireJson(ctx);
        service.add(body(ctx))
                .onSuccess(changes -> {
                    ctx.response().setStatusCode(201);
                    Json.send(ctx, json, Map.of("events", describe(changes.stream().map(EventChange::latest)
                            .toList())));
                })
                .onFailure(ctx::fail);
    }

    void patch(RoutingContext ctx) {
        ObservationHandlers.requireJson(ctx);
        String id = ctx.pathParam("id");
        service.correct(id, body(ctx))
                .map(change -> found(id, change))
                .onSuccess(change -> Json.send(ctx, json, EventAnnotations.describe(change.latest())))
                .onFailure(ctx::fail);
    }

    void delete(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        service.retract(id)
                .map(change -> found(id, change))
                .onSuccess(change -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }

    private static EventChange found(String id, Optional<EventChange> change) {
        return change.orElseThrow(() -> Problem.notFound("There is no event with id '" + id + "'; GET "
                + "/api/v1/events?region= lists them."));
    }

    private static byte[] body(RoutingContext ctx) {
        return ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    }

    private static List<Map<String, Object>> describe(List<ControlEvent> rows) {
        return rows.stream().map(EventAnnotations::describe).toList();
    }
}
