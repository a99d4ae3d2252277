package io.ballast.server.cluster;

import io.ballast.server.stream.EventRoute;
import io.ballast.server.stream.ScoreEvent;
import io.ballast.server.stream.ScoreEventWire;
import io.ballast.server.stream.ScoreEvents;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.shareddata.Counter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream's events on a cluster. Ids come from one counter every node shares (Hazelcast's, through Vert.x shared
 * data), so they are unique and increasing cluster-wide however many nodes publish at once; every event is published
 * on the clustered event bus, and every node (the sender too) puts what arrives back into id order
 * ({@link Resequencer}) before its streams see it, so each node's replay rings hold the same events under the same
 * ids. A joining node first asks a member for its recent events ({@link Backlog}), and keeps its own start-up scores
 * off the streams for regions the cluster already has, until it serves.
 */
public final class ClusterEvents extends AbstractVerticle implements EventRoute {

    static final String EVENTS = "ballast.cluster.events";
    static final String BACKLOG = "ballast.cluster.backlog";
    private static final Logger LOG = LoggerFactory.getLogger(ClusterEvents.class);
    /** How long an event waits for an earlier id that is missing (its sender died after taking it). */
    private static final long PATIENCE_MS = 500;

    private final ScoreEvents events;
    private final Resequencer order = new Resequencer(PATIENCE_MS);
    private final AtomicLong highest = new AtomicLong();
    private volatile Counter counter;
    private volatile Set<String> quiet = Set.of();

    public ClusterEvents(ScoreEvents events) {
        this.events = events;
    }

    @Override
    public void start(Promise<Void> started) {
        vertx.sharedData().getCounter("ballast.event-ids")
                .compose(c -> {
                    counter = c; // the first node starts the ids at the wall clock, as a single node does
                    return c.compareAndSet(0, System.currentTimeMillis()).compose(first -> c.get());
                })
                .compose(now -> vertx.eventBus().<Buffer>consumer(EVENTS, this::arrived).completion()
                        .map(now))
                .compose(now -> askBacklog().map(backlog -> join(now, backlog)))
                .compose(v -> vertx.eventBus().<Buffer>consumer(BACKLOG,
                        ask -> ask.reply(Backlog.of(events).write())).completion())
                .onSuccess(v -> vertx.setPeriodic(PATIENCE_MS / 5, t -> deliver(order.expire(now()))))
                .onComplete(started);
    }

    /** A member's backlog, or none when this is the first node (no member answers). */
    private Future<Backlog> askBacklog() {
        return vertx.eventBus().<Buffer>request(BACKLOG, Buffer.buffer(), new DeliveryOptions().setSendTimeout(5000))
                .map(reply -> Backlog.read(reply.body()))
                .recover(e -> {
                    if (!(e instanceof ReplyException)) {
                        return Future.failedFuture(e);
                    }
                    LOG.info("No member had stream events to hand over ({}); starting with none", e.getMessage());
                    return Future.succeededFuture(Backlog.EMPTY);
                });
    }

    private Void join(long counterNow, Backlog backlog) {
        highest.set(Math.max(counterNow, backlog.last()));
        quiet = backlog.latest().stream().map(ScoreEvent::region).collect(Collectors.toSet());
        events.route(this);
        backlog.fill(events);
        deliver(order.startAt((backlog.last() == 0 ? counterNow : backlog.last()) + 1, now()));
        LOG.info("Stream events: {} regions handed over by a member, ids from {}", quiet.size(), highest.get());
        return null;
    }

    /** This node serves now: its own new documents go to the streams from here on. */
    public void serving() {
        quiet = Set.of();
    }

    @Override
    public long current() {
        return highest.get();
    }

    @Override
    public boolean quiet(String region) {
        return quiet.contains(region);
    }

    @Override
    public void send(boolean snapshot, LongFunction<ScoreEvent> numbered) {
        counter.incrementAndGet()
                .onSuccess(id -> vertx.eventBus().publish(EVENTS,
                        ScoreEventWire.write(Buffer.buffer().appendByte(snapshot ? (byte) 1 : 0), numbered.apply(id))))
                .onFailure(e -> LOG.error("No id for a stream event (the cluster's counter did not answer); "
                        + "the streams miss it and resync from their next snapshot", e));
    }

    private void arrived(Message<Buffer> message) {
        Buffer body = message.body();
        ScoreEvent event = ScoreEventWire.read(body, 1);
        deliver(order.offer(new Resequencer.Arrival(event, body.getByte(0) == 1), now()));
    }

    private void deliver(List<Resequencer.Arrival> ready) {
        for (Resequencer.Arrival a : ready) {
            highest.accumulateAndGet(a.event().sequence(), Math::max);
            events.deliver(a.event(), a.snapshot());
        }
    }

    private static long now() {
        return System.nanoTime() / 1_000_000;
    }
}
