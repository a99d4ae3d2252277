package io.ballast.server.stream;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The recent events of one region, for replay to a client that reconnects with {@code Last-Event-ID}. Owned by one
 * event loop, so it needs no locks. Remembers up to which sequence it has forgotten, to tell a replay it can serve
 * completely from one that needs a full snapshot instead.
 */
final class ReplayRing {

    private final int capacity;
    private final ArrayDeque<ScoreEvent> events = new ArrayDeque<>();
    private long forgottenUpTo;

    /** {@code knownFrom}: events up to this sequence happened before this ring existed. */
    ReplayRing(int capacity, long knownFrom) {
        this.capacity = capacity;
        this.forgottenUpTo = knownFrom;
    }

    void add(ScoreEvent event) {
        if (capacity == 0) {
            forgottenUpTo = event.sequence();
            return;
        }
        if (events.size() == capacity) {
            forgottenUpTo = events.removeFirst().sequence();
        }
        events.addLast(event);
    }

    /** The events after {@code lastSeen}, or null when some of them are forgotten (the client needs a snapshot). */
    List<ScoreEvent> after(long lastSeen) {
        if (lastSeen < forgottenUpTo) {
            return null;
        }
        return events.stream().filter(e -> e.sequence() > lastSeen).toList();
    }
}
