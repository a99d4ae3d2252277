package io.ballast.server.stream;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SSE streams of one HTTP verticle. Everything here runs on that verticle's event loop: subscribers and replay
 * rings are plain collections, with no locks. An event's frame is written as the same buffer to every subscriber of
 * its region; a subscriber whose write queue is full is dropped (its connection closed: on HTTP/1.x a reset only ends
 * the response gracefully, which a client that never reads never lets finish; its browser reconnects and resyncs by
 * {@code Last-Event-ID}) rather than allowed to hold the others back. A failure while writing to one subscriber drops
 * that one, logged, and the others still get the event.
 */
public final class StreamEndpoint {

    private static final Buffer HEARTBEAT = Buffer.buffer(": heartbeat\n\n");
    private static final Buffer PREAMBLE = Buffer.buffer("retry: 2000\n\n");
    private static final Buffer GOODBYE = Buffer.buffer("retry: 5000\n\n: server shutting down\n\n");
    private static final Logger LOG = LoggerFactory.getLogger(StreamEndpoint.class);

    /** One open stream: its response, its connection (closed to drop it), the sequence of the last event sent. */
    private static final class Subscriber {
        final HttpServerResponse response;
        final HttpConnection connection;
        long lastSent;

        Subscriber(HttpServerResponse response, HttpConnection connection, long lastSent) {
            this.response = response;
            this.connection = connection;
            this.lastSent = lastSent;
        }
    }

    private final Vertx vertx;
    private final ScoreEvents events;
    private final StreamGate gate;
    private final int replay;
    private final int maxQueuedBytes;
    private final long openedAt;
    /** Per region: its subscribers, by response. */
    private final Map<String, Map<HttpServerResponse, Subscriber>> subscribers = new HashMap<>();
    private final Map<String, ReplayRing> rings = new HashMap<>();
    private final MessageConsumer<ScoreEvent> consumer;
    private final long heartbeatTimer;
    private final Context context;

    /** Call on the owning event loop (from the verticle's start). */
    public StreamEndpoint(Vertx vertx, ScoreEvents events, StreamGate gate, int replay, int heartbeatSeconds,
                          int maxQueuedBytes) {
        this.vertx = vertx;
        this.maxQueuedBytes = maxQueuedBytes;
        this.events = events;
        this.gate = gate;
        this.replay = replay;
        this.openedAt = events.currentSequence();
        // local: on a cluster the events reach this node through ClusterEvents, never straight from another node
        this.consumer = vertx.eventBus().localConsumer(ScoreEvents.ADDRESS, message -> broadcast(message.body()));
        this.context = vertx.getOrCreateContext();
        events.streamsOn(context);
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
                .setWriteQueueMaxSize(maxQueuedBytes);
        Map<HttpServerResponse, Subscriber> set = subscribers.computeIfAbsent(region, r -> new LinkedHashMap<>());
        Subscriber subscriber = new Subscriber(response, ctx.request().connection(), lastEventId.orElse(0L));
        response.closeHandler(v -> leave(set, subscriber));
        set.put(response, subscriber);
        response.write(PREAMBLE);
        for (ScoreEvent event : catchUp(region, lastEventId)) {
            response.write(event.frame());
            subscriber.lastSent = Math.max(subscriber.lastSent, event.sequence());
        }
    }

    /** Takes a subscriber out of its region, giving its place back once. */
    private void leave(Map<HttpServerResponse, Subscriber> set, Subscriber subscriber) {
        if (set.remove(subscriber.response) != null) {
            gate.leave();
        }
    }

    /** Drops a subscriber: out of its region now, and its connection closed (pending writes discarded). */
    private void drop(Map<HttpServerResponse, Subscriber> set, Subscriber subscriber) {
        leave(set, subscriber);
        subscriber.connection.close();
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
        // on a cluster the node's backlog seeds the ring: a client whose node died resumes here without a gap
        return rings.computeIfAbsent(region, r -> events.ringCopy(r).orElseGet(() -> new ReplayRing(replay, openedAt)));
    }

    private void broadcast(ScoreEvent event) {
        ring(event.region()).add(event);
        Map<HttpServerResponse, Subscriber> set = subscribers.get(event.region());
        if (set == null) {
            return;
        }
        for (Subscriber sub : List.copyOf(set.values())) {
            if (sub.lastSent < event.sequence()) { // else it got this event as its snapshot already
                send(set, sub, event.frame());
                sub.lastSent = event.sequence();
            }
        }
    }

    /** Writes to one subscriber, or drops it when its queue is full or the write fails; the others never notice. */
    private void send(Map<HttpServerResponse, Subscriber> set, Subscriber sub, Buffer frame) {
        try {
            if (sub.response.writeQueueFull()) {
                LOG.debug("Dropping a stream that reads too slowly ({} bytes queued at most)", maxQueuedBytes);
                drop(set, sub);
            } else {
                sub.response.write(frame);
            }
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            LOG.warn("Writing to a stream failed; it is dropped and the others go on", e);
            drop(set, sub);
        }
    }

    private void heartbeat() {
        for (Map<HttpServerResponse, Subscriber> set : subscribers.values()) {
            for (Subscriber sub : List.copyOf(set.values())) {
                send(set, sub, HEARTBEAT);
            }
        }
    }

    /** Closes every stream with a retry hint (clients reconnect, to another node or after a restart). */
    public void close() {
        vertx.cancelTimer(heartbeatTimer);
        events.streamsOff(context);
        consumer.unregister();
        for (Map<HttpServerResponse, Subscriber> set : subscribers.values()) {
            for (Subscriber sub : List.copyOf(set.values())) {
                leave(set, sub);
                if (sub.response.writeQueueFull()) {
                    sub.connection.close(); // it would never take the goodbye
                } else {
                    sub.response.end(GOODBYE);
                }
            }
        }
    }
}
