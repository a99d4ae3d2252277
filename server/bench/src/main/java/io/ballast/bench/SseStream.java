package io.ballast.bench;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * One SSE stream of a {@link FanOutClient}: counts its score events and keeps when each arrived. Its bytes are fed on
 * one event loop; the main thread reads {@link #count} and the receipts it covers. Frames may be split anywhere
 * between buffers, so matching is a state machine kept across buffers: a line that is exactly {@code event: score}
 * (for the snapshot, any event line), then the blank line that ends the frame. Only line starts are looked at byte by
 * byte; the rest of a line (the 3 KB of JSON) is skipped with Netty's word-at-a-time {@code indexOf}. A plain loop
 * over every byte cost some 130 ms of CPU per event at 10,000 streams on this machine, on the same two cores as the
 * server: it would have been measured as the server's delay.
 */
final class SseStream {

    /** How opening a stream ended: its first event arrived, it was refused with 503, or it failed otherwise. */
    enum Outcome { CONNECTED, REFUSED, OTHER }

    private static final byte[] EVENT_LINE = "event: score\n".getBytes(StandardCharsets.US_ASCII);
    /**
     * What the snapshot's event line starts with. The snapshot is the region's last event of any kind: once the
     * server's uncertainty analysis of the last change is done, that is an {@code uncertainty} event, not a score.
     */
    private static final byte[] SNAPSHOT_LINE = "event: ".getBytes(StandardCharsets.US_ASCII);

    final int firstTrial;
    private final CountDownLatch settled;
    volatile Outcome outcome;
    volatile boolean closed;
    /** Receipt times of the snapshot, then of the score events; valid up to {@link #count}. */
    long[] receipts = new long[8];
    volatile int count;
    /** Bytes of the wanted event line matched at the start of the current line; -1 once it cannot match. */
    private int matched;
    /** Inside a score frame, waiting for the blank line that ends it. */
    private boolean inEvent;
    /** Inside a score frame and at the start of a line: a newline here is the blank line. */
    private boolean atLineStart;

    SseStream(int firstTrial, CountDownLatch settled) {
        this.firstTrial = firstTrial;
        this.settled = settled;
    }

    void feed(Buffer buffer) {
        long now = System.nanoTime();
        // the internal view of the bytes, for its fast indexOf; read only, never released here
        ByteBuf bytes = ((BufferInternal) buffer).getByteBuf();
        int end = bytes.writerIndex();
        for (int i = bytes.readerIndex(); i < end; ) {
            if (inEvent ? !atLineStart : matched < 0) {
                int newline = bytes.indexOf(i, end, (byte) '\n');
                if (newline < 0) {
                    return; // the line goes on in a later buffer
                }
                i = newline + 1;
                if (inEvent) {
                    atLineStart = true;
                } else {
                    matched = 0;
                }
                continue;
            }
            byte b = bytes.getByte(i++);
            if (inEvent) {
                if (b == '\n') {
                    received(now);
                    inEvent = false;
                    matched = 0;
                }
                atLineStart = false;
            } else if (b == wanted()[matched]) {
                if (++matched == wanted().length) {
                    inEvent = true;
                    // the score line's own newline was just read; the snapshot's line goes on to its event's name
                    atLineStart = wanted() == EVENT_LINE;
                }
            } else {
                matched = b == '\n' ? 0 : -1;
            }
        }
    }

    /** The event line a frame must start with to count: any for the snapshot, then only score events. */
    private byte[] wanted() {
        return count == 0 ? SNAPSHOT_LINE : EVENT_LINE;
    }

    private void received(long now) {
        if (count == receipts.length) {
            receipts = Arrays.copyOf(receipts, count * 2);
        }
        receipts[count] = now;
        count = count + 1; // only this stream's event loop writes it
        if (count == 1) {
            settle(Outcome.CONNECTED);
        }
    }

    void close() {
        closed = true;
        settle(Outcome.OTHER); // no-op when it had connected
    }

    synchronized void settle(Outcome o) {
        if (outcome == null) {
            outcome = o;
            settled.countDown();
        }
    }
}
