package io.ballast.server.stream;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SSE streams of one HTTP verticle. Everything here runs on that verticle's event loop: subscribers and replay
 * rings are plain collections, with no locks. An event's frame is written as the same buffer to every subscriber of
 * its region; a subscriber whose write queue is full is dropped (its browser reconnects and resyncs by
 * {@code Last-Event-ID}) rather than allowed to hold the others back.
 */
public final class StreamEndpoint {

    private static final Buffer HEARTBEAT = Buffer.buffer(": heartbeat\n\n");
    private static final Buffer PREAMBLE = Buffer.buffer("retry: 2000\n\n");
    private static final Buffer GOODBYE = Buffer.buffer("retry: 5000\n\n: server shutting down\n\n");
    private static final int WRITE_QUEUE_BYTES = 256 * 1024;

    private final Vertx vertx;
    private final ScoreEvents events;
    private final StreamGate gate;
    private final int replay;
    private final long openedAt;
    /** Per region: each subscriber and the sequence of the last event it was sent. */
    private final Map<String, Map<HttpServerResponse, Long>> subscribers = new HashMap<>();
    private final Map<String, ReplayRing> rings = new HashMap<>();
    private final MessageConsumer<ScoreEvent> consumer;
    private final long heartbeatTimer;

    /** Call on the owning event loop (from the verticle's start). */
    public StreamEndpoint(Vertx vertx, ScoreEvents events, StreamGate gate, int replay, int heartbeatSeconds) {
        this.vertx = vertx;
        this.events = events;
        this.gate = gate;
        this.replay = replay;
        this.openedAt = events.currentSequence();
        this.consumer = vertx.eventBus().consumer(ScoreEvents.ADDRESS, message -> broadcast(message.body()));
        this.heartbeatTimer = vertx.setPeriodic(heartbeatSeconds * 1000L, id -> heartbeat());
    }

    /** Opens a stream of a region, or fails with 503 when the stream cap is reached. The caller checked the region. */
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
        Map<HttpServerResponse, Long> set = subscribers.computeIfAbsent(region, r -> new LinkedHashMap<>());
        response.closeHandler(v -> {
            if (set.remove(response) != null) {
                gate.leave();
            }
        });
        response.write(PREAMBLE);
        long lastSent = lastEventId.orElse(0L);
        for (ScoreEvent event : catchUp(region, lastEventId)) {
            response.write(event.frame());
            lastSent = Math.max(lastSent, event.sequence());
        }
        set.put(response, lastSent);
    }

    private List<ScoreEvent> catchUp(String region, Optional<Long> lastEventId) {
        Optional<ScoreEvent> latest = events.latest(region);
        if (latest.isEmpty()) {
            return List.of();
        }
        if (lastEventId.isPresent() && lastEventId.get() <= events.currentSequence()) {
            // what came after the client's last event, annotations included, when the ring still holds all of it
            List<ScoreEvent> missed = ring(region).after(lastEventId.get());
            if (missed != null) {
                return missed;
            }
        }
        return List.of(latest.get());
    }

    private ReplayRing ring(String region) {
        return rings.computeIfAbsent(region, r -> new ReplayRing(replay, openedAt));
    }

    private void broadcast(ScoreEvent event) {
        ring(event.region()).add(event);
        Map<HttpServerResponse, Long> set = subscribers.get(event.region());
        if (set == null) {
            return;
        }
        List<HttpServerResponse> laggards = null;
        for (Map.Entry<HttpServerResponse, Long> sub : set.entrySet()) {
            if (sub.getValue() >= event.sequence()) {
                continue; // it got this event as its snapshot already
            }
            if (sub.getKey().writeQueueFull()) {
                laggards = laggards == null ? new ArrayList<>() : laggards;
                laggards.add(sub.getKey());
            } else {
                sub.getKey().write(event.frame());
                sub.setValue(event.sequence());
            }
        }
        if (laggards != null) {
            laggards.forEach(HttpServerResponse::reset);
        }
    }

    private void heartbeat() {
        for (Map<HttpServerResponse, Long> set : subscribers.values()) {
            for (HttpServerResponse response : List.copyOf(set.keySet())) {
                if (response.writeQueueFull()) {
                    response.reset();
                } else {
                    response.write(HEARTBEAT);
                }
            }
        }
    }

    /** Closes every stream with a retry hint (clients reconnect, to another node or after a restart). */
    public void close() {
        vertx.cancelTimer(heartbeatTimer);
        consumer.unregister();
        for (Map<HttpServerResponse, Long> set : subscribers.values()) {
            for (HttpServerResponse response : List.copyOf(set.keySet())) {
                if (set.remove(response) != null) {
                    gate.leave();
                }
                response.end(GOODBYE);
            }
        }
    }
}
