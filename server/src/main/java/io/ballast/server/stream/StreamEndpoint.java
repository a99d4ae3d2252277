package io.ballast.server.stream;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The SSE streams of one HTTP verticle. Everything here runs on that verticle's event loop: subscribers and replay
 * rings are plain collections, with no locks. An event's frame is written as the same buffer to every subscriber of
 * its region; a subscriber whose write queue is full is dropped (its browser reconnects and resyncs by
 * {@code Last-Event-ID}) rather than allowed to hold the others back.
 */
public final class StreamEndpoint {

    private static final Buffer HEARTBEAT = Buffer.buffer(": heartbeat\n\n");
    private static final Buffer PREAMBLE = Buffer.buffer("retry: 2000\n\n");
    private static final int WRITE_QUEUE_BYTES = 256 * 1024;

    private final Vertx vertx;
    private final ScoreEvents events;
    private final StreamGate gate;
    private final Map<String, Set<HttpServerResponse>> subscribers = new HashMap<>();
    private final Map<String, ReplayRing> rings = new HashMap<>();
    private final MessageConsumer<ScoreEvent> consumer;
    private final long heartbeatTimer;

    /** Call on the owning event loop (from the verticle's start). */
    public StreamEndpoint(Vertx vertx, ScoreEvents events, StreamGate gate, List<String> regions, int replay,
                          int heartbeatSeconds) {
        this.vertx = vertx;
        this.events = events;
        this.gate = gate;
        long now = events.currentSequence();
        for (String region : regions) {
            rings.put(region, new ReplayRing(replay, now));
            subscribers.put(region, new LinkedHashSet<>());
        }
        this.consumer = vertx.eventBus().consumer(ScoreEvents.ADDRESS, message -> broadcast(message.body()));
        this.heartbeatTimer = vertx.setPeriodic(heartbeatSeconds * 1000L, id -> heartbeat());
    }

    /**
     * Opens a stream of a configured region, or answers 503 when the stream cap is reached. The caller has validated
     * the region.
     */
    public void open(RoutingContext ctx, String region, Optional<Long> lastEventId) {
        HttpServerResponse response = ctx.response();
        if (!gate.tryEnter()) {
            throw new StreamsExhaustedException(gate.open());
        }
        response.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no")
                .setWriteQueueMaxSize(WRITE_QUEUE_BYTES);
        Set<HttpServerResponse> set = subscribers.get(region);
        set.add(response);
        response.closeHandler(v -> {
            if (set.remove(response)) {
                gate.leave();
            }
        });
        response.write(PREAMBLE);
        for (ScoreEvent event : catchUp(region, lastEventId)) {
            response.write(event.frame());
        }
    }

    private List<ScoreEvent> catchUp(String region, Optional<Long> lastEventId) {
        Optional<ScoreEvent> latest = events.latest(region);
        if (latest.isEmpty()) {
            return List.of();
        }
        if (lastEventId.isPresent()) {
            long seen = lastEventId.get();
            if (seen == latest.get().sequence()) {
                return List.of();
            }
            if (seen < latest.get().sequence()) {
                List<ScoreEvent> missed = rings.get(region).after(seen);
                if (missed != null) {
                    return missed;
                }
            }
        }
        return List.of(latest.get());
    }

    private void broadcast(ScoreEvent event) {
        ReplayRing ring = rings.get(event.region());
        if (ring == null) {
            return;
        }
        ring.add(event);
        List<HttpServerResponse> laggards = null;
        for (HttpServerResponse response : subscribers.get(event.region())) {
            if (response.writeQueueFull()) {
                laggards = laggards == null ? new ArrayList<>() : laggards;
                laggards.add(response);
            } else {
                response.write(event.frame());
            }
        }
        if (laggards != null) {
            laggards.forEach(this::drop);
        }
    }

    private void heartbeat() {
        for (Set<HttpServerResponse> set : subscribers.values()) {
            for (HttpServerResponse response : List.copyOf(set)) {
                if (response.writeQueueFull()) {
                    drop(response);
                } else {
                    response.write(HEARTBEAT);
                }
            }
        }
    }

    private void drop(HttpServerResponse response) {
        response.reset();
    }

    /** Streams open on this verticle. */
    public int size() {
        return subscribers.values().stream().mapToInt(Set::size).sum();
    }

    /** Closes every stream (clients reconnect after the advertised retry delay) and stops listening. */
    public void close() {
        vertx.cancelTimer(heartbeatTimer);
        consumer.unregister();
        for (Set<HttpServerResponse> set : subscribers.values()) {
            for (HttpServerResponse response : List.copyOf(set)) {
                if (set.remove(response)) {
                    gate.leave();
                }
                response.end();
            }
        }
    }
}
