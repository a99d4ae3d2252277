package io.ballast.server.stream;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/** A {@link ScoreEvent} as bytes: region, sequence and frame, for the event bus between nodes. */
public final class ScoreEventWire {

    private ScoreEventWire() {
    }

    /** Appends an event to {@code buffer}. */
    public static Buffer write(Buffer buffer, ScoreEvent event) {
        byte[] region = event.region().getBytes(StandardCharsets.UTF_8);
        return buffer.appendInt(region.length).appendBytes(region).appendLong(event.sequence())
                .appendInt(event.frame().length()).appendBuffer(event.frame());
    }

    /** The event written at {@code pos}. */
    public static ScoreEvent read(Buffer buffer, int pos) {
        int regionLength = buffer.getInt(pos);
        String region = buffer.getString(pos + 4, pos + 4 + regionLength, "UTF-8");
        int at = pos + 4 + regionLength;
        long sequence = buffer.getLong(at);
        int frameLength = buffer.getInt(at + 8);
        return new ScoreEvent(region, sequence, buffer.getBuffer(at + 12, at + 12 + frameLength));
    }

    /** The bytes {@link #write} takes for an event. */
    public static int length(ScoreEvent event) {
        return 16 + event.region().getBytes(StandardCharsets.UTF_8).length + event.frame().length();
    }
}
