package io.ballast.server.stream;

import java.util.concurrent.atomic.AtomicInteger;

/** Caps concurrent streams across all event loops, so the process stays below its open-files limit. */
public final class StreamGate {

    private final int max;
    private final AtomicInteger open = new AtomicInteger();

    public StreamGate(int max) {
        this.max = max;
    }

    /** Takes a place, or answers false when every place is taken. */
    public boolean tryEnter() {
        while (true) {
            int now = open.get();
            if (now >= max) {
                return false;
            }
            if (open.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** Gives a place back. */
    public void leave() {
        open.decrementAndGet();
    }

    /** Streams open now. */
    public int open() {
        return open.get();
    }
}
