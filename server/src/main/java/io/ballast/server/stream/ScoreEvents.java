package io.ballast.server.stream;

import io.ballast.server.score.ScoreSink;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * Turns a region's new latest-scores document into one {@link ScoreEvent}: numbered, framed as SSE once (a
 * {@link SharedFrame}, written to every stream as it is), remembered as the region's latest, and published on the
 * event bus to every HTTP verticle's {@link StreamEndpoint}.
 *
 * <p>Sequence numbers start at the wall-clock millisecond of start-up and only grow, so a browser that reconnects
 * after a restart never presents an id from the future. On a cluster they come from a counter every node shares (an
 * {@link EventRoute}), and this node also keeps each region's recent events, to seed its streams' replay rings and
 * to hand a joining node.
 */
public final class ScoreEvents implements ScoreSink {

    /** The event-bus address of score events. */
    public static final String ADDRESS = "ballast.scores";

    private static final DeliveryOptions LOCAL = new DeliveryOptions().setCodecName(LocalCodec.NAME).setLocalOnly(true);

    private final Vertx vertx;
    /**
     * The event loop that publishes every event to the endpoints, in the order they were numbered: it wakes the other
     * loops at once, where a worker thread publishing would often be preempted by the first loop it woke.
     */
    private final Context publisher;
    private final Map<String, ScoreEvent> latest = new ConcurrentHashMap<>();
    /** The event loops of this node's stream endpoints, which write every event to their streams. */
    private final Set<Context> streams = ConcurrentHashMap.newKeySet();
    /** On a cluster, each region's recent events on this node; null on a single node. */
    private final Map<String, ReplayRing> backlog;
    private final int replay;
    private volatile EventRoute route;
    /** On a cluster: events up to this id came before this node's backlog began. */
    private volatile long knownFrom;

    /** The events of a single node. */
    public ScoreEvents(Vertx vertx) {
        this.vertx = vertx;
        this.publisher = vertx.getOrCreateContext();
        this.backlog = null;
        this.replay = 0;
        this.route = new LocalRoute(this);
        vertx.eventBus().registerCodec(new LocalCodec());
    }

    /** The events of a cluster's node, which keeps {@code replay} recent events per region; route them next. */
    public ScoreEvents(Vertx vertx, int replay) {
        this.vertx = vertx;
        this.publisher = vertx.getOrCreateContext();
        this.backlog = new HashMap<>();
        this.replay = replay;
        this.route = new LocalRoute(this);
        vertx.eventBus().registerCodec(new LocalCodec());
    }

    /** Numbers and sends events through {@code route} from now on (a cluster's; set before scoring starts). */
    public void route(EventRoute route) {
        this.knownFrom = route.current();
        this.route = route;
    }

    @Override
    public void publish(String region, String name, Buffer latestScores) {
        EventRoute r = route;
        if (!r.quiet(region)) {
            r.send(true, id -> frame(id, name, region, latestScores));
        }
    }

    /**
     * Sends a region's streams news that is not a scores document (a chart annotation): numbered and replayed like
     * score events, but never a newly connected client's snapshot.
     */
    public void announce(String region, String name, Buffer data) {
        route.send(false, id -> frame(id, name, region, data));
    }

    /**
     * Hands a numbered event to this node's streams: as the region's latest when {@code snapshot} (unless a later one
     * is already), into the node's replay backlog on a cluster, and to every HTTP verticle.
     */
    public void deliver(ScoreEvent given, boolean snapshot) {
        Buffer frame = SharedFrame.shared(given.frame());
        ScoreEvent event = frame == given.frame() ? given : new ScoreEvent(given.region(), given.sequence(), frame);
        if (snapshot) {
            latest.merge(event.region(), event, (was, now) -> now.sequence() > was.sequence() ? now : was);
        }
        if (backlog != null) {
            synchronized (backlog) {
                backlog.computeIfAbsent(event.region(), r -> new ReplayRing(replay, knownFrom))
                        .add(event);
            }
        }
        publisher.runOnContext(v -> vertx.eventBus().publish(ADDRESS, event, LOCAL));
    }

    /** A stream endpoint on this event loop writes events to its streams from now on. */
    void streamsOn(Context context) {
        streams.add(context);
    }

    /** The stream endpoint on this event loop is closed. */
    void streamsOff(Context context) {
        streams.remove(context);
    }

    /**
     * Each endpoint takes an event in a task of its loop, queued when the publishing loop publishes it: a task queued on
     * each loop after the publishing loop has published all before it runs once that is written to every stream there.
     */
    @Override
    public CompletionStage<Void> written() {
        Promise<Void> done = Promise.promise();
        publisher.runOnContext(v -> {
            List<Future<Void>> loops = new ArrayList<>();
            for (Context context : streams) {
                Promise<Void> loop = Promise.promise();
                context.runOnContext(w -> loop.complete());
                loops.add(loop.future());
            }
            Future.all(loops).<Void>mapEmpty().onComplete(done);
        });
        return done.future().toCompletionStage();
    }

    /** Fills a region's backlog from a member's (a joining node), before any stream opens. */
    public void seed(String region, List<ScoreEvent> events) {
        if (backlog == null || events.isEmpty()) {
            return;
        }
        synchronized (backlog) {
            ReplayRing ring = backlog.computeIfAbsent(region,
                    r -> new ReplayRing(replay, events.get(0).sequence() - 1));
            events.forEach(ring::add);
        }
    }

    /** Every region's recent events on this node, oldest first (empty on a single node). */
    public Map<String, List<ScoreEvent>> backlog() {
        Map<String, List<ScoreEvent>> all = new HashMap<>();
        if (backlog != null) {
            synchronized (backlog) {
                backlog.forEach((region, ring) -> all.put(region, ring.all()));
            }
        }
        return all;
    }

    /** A copy of a region's backlog, for a stream endpoint's ring; empty on a single node. */
    Optional<ReplayRing> ringCopy(String region) {
        if (backlog == null) {
            return Optional.empty();
        }
        synchronized (backlog) {
            return Optional.ofNullable(backlog.get(region)).map(ReplayRing::copy);
        }
    }

    private static ScoreEvent frame(long id, String name, String region, Buffer data) {
        return new ScoreEvent(region, id, SharedFrame.of(id, name, data));
    }

    /** The last event of a region, to send a newly connected client as its snapshot. */
    public Optional<ScoreEvent> latest(String region) {
        return Optional.ofNullable(latest.get(region));
    }

    /** Every region's last event. */
    public List<ScoreEvent> latest() {
        return new ArrayList<>(latest.values());
    }

    /** The last sequence number handed out (on a cluster: the greatest known here). */
    public long currentSequence() {
        return route.current();
    }

    /** One node: a counter of this process, and straight to its streams. */
    private static final class LocalRoute implements EventRoute {
        private final ScoreEvents events;
        private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis());

        LocalRoute(ScoreEvents events) {
            this.events = events;
        }

        @Override
        public long current() {
            return sequence.get();
        }

        /**
         * Numbers and delivers in one step: the scoring worker and an HTTP worker's annotation send at once, and an
         * event overtaken by a later-numbered one would be skipped by every stream that had the later one.
         */
        @Override
        public synchronized void send(boolean snapshot, LongFunction<ScoreEvent> numbered) {
            events.deliver(numbered.apply(sequence.incrementAndGet()), snapshot);
        }
    }

    /** Passes events between verticles of this process as they are: immutable, so nothing is copied. */
    private static final class LocalCodec implements MessageCodec<ScoreEvent, ScoreEvent> {
        static final String NAME = "ballast-score-event";

        @Override
        public void encodeToWire(Buffer buffer, ScoreEvent event) {
            ScoreEventWire.write(buffer, event);
        }

        @Override
        public ScoreEvent decodeFromWire(int pos, Buffer buffer) {
            return ScoreEventWire.read(buffer, pos);
        }

        @Override
        public ScoreEvent transform(ScoreEvent event) {
            return event;
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public byte systemCodecID() {
            return -1;
        }
    }
}
