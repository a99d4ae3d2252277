package io.ballast.server.stream;

import io.ballast.server.score.ScoreSink;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageCodec;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns a region's new latest-scores document into one {@link ScoreEvent}: numbered, framed as SSE once, remembered
 * as the region's latest, and published on the event bus to every HTTP verticle's {@link StreamEndpoint}.
 *
 * <p>Sequence numbers start at the wall-clock millisecond of start-up and only grow, so a browser that reconnects
 * after a restart never presents an id from the future.
 */
public final class ScoreEvents implements ScoreSink {

    /** The event-bus address of score events. */
    public static final String ADDRESS = "ballast.scores";

    private static final DeliveryOptions LOCAL = new DeliveryOptions().setCodecName(LocalCodec.NAME).setLocalOnly(true);

    private final Vertx vertx;
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis());
    private final Map<String, ScoreEvent> latest = new ConcurrentHashMap<>();

    public ScoreEvents(Vertx vertx) {
        this.vertx = vertx;
        vertx.eventBus().registerCodec(new LocalCodec());
    }

    @Override
    public void publish(String region, String name, Buffer latestScores) {
        ScoreEvent event = frame(region, name, latestScores);
        latest.put(region, event);
        vertx.eventBus().publish(ADDRESS, event, LOCAL);
    }

    /**
     * Sends a region's streams news that is not a scores document (a chart annotation): numbered and replayed like
     * score events, but never a newly connected client's snapshot.
     */
    public void announce(String region, String name, Buffer data) {
        vertx.eventBus().publish(ADDRESS, frame(region, name, data), LOCAL);
    }

    private ScoreEvent frame(String region, String name, Buffer data) {
        long id = sequence.incrementAndGet();
        Buffer frame = Buffer.buffer(data.length() + 48)
                .appendString("id: " + id + "\nevent: " + name + "\ndata: ", "UTF-8")
                .appendBuffer(data)
                .appendString("\n\n", "UTF-8");
        return new ScoreEvent(region, id, frame);
    }

    /** The last event of a region, to send a newly connected client as its snapshot. */
    public Optional<ScoreEvent> latest(String region) {
        return Optional.ofNullable(latest.get(region));
    }

    /** The last sequence number handed out. */
    public long currentSequence() {
        return sequence.get();
    }

    /** Passes events between verticles of this process as they are: immutable, so nothing is copied. */
    private static final class LocalCodec implements MessageCodec<ScoreEvent, ScoreEvent> {
        static final String NAME = "ballast-score-event";

        @Override
        public void encodeToWire(Buffer buffer, ScoreEvent event) {
            byte[] region = event.region().getBytes(StandardCharsets.UTF_8);
            buffer.appendInt(region.length).appendBytes(region).appendLong(event.sequence())
                    .appendInt(event.frame().length()).appendBuffer(event.frame());
        }

        @Override
        public ScoreEvent decodeFromWire(int pos, Buffer buffer) {
            int regionLength = buffer.getInt(pos);
            String region = buffer.getString(pos + 4, pos + 4 + regionLength, "UTF-8");
            int at = pos + 4 + regionLength;
            long sequence = buffer.getLong(at);
            int frameLength = buffer.getInt(at + 8);
            return new ScoreEvent(region, sequence, buffer.getBuffer(at + 12, at + 12 + frameLength));
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
