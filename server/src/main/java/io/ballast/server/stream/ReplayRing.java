package io.ballast.server.stream;

import java.util.ArrayList;
import java.util.List;

/**
 * The recent events of one region, for replay to a client that reconnects with {@code Last-Event-ID}. Owned by one
 * event loop, so it needs no locks. Remembers up to which sequence it has forgotten, to tell a replay it can serve
 * completely from one that needs a full snapshot instead. Kept in sequence order: on a cluster an event numbered
 * earlier can arrive later, and the same event can arrive twice (once from a member's replay, once live); it is kept
 * once, in its place.
 */
final class ReplayRing {

    private final int capacity;
    private final List<ScoreEvent> events;
    private long forgottenUpTo;

    /** {@code knownFrom}: events up to this sequence happened before this ring existed. */
    ReplayRing(int capacity, long knownFrom) {
        this.capacity = capacity;
        this.forgottenUpTo = knownFrom;
        this.events = new ArrayList<>(Math.min(capacity, 64));
    }

    void add(ScoreEvent event) {
        if (capacity == 0) {
            forgottenUpTo = Math.max(forgottenUpTo, event.sequence());
            return;
        }
        if (event.sequence() <= forgottenUpTo) {
            return;
        }
        int at = events.size();
        while (at > 0 && events.get(at - 1).sequence() >= event.sequence()) {
            if (events.get(at - 1).sequence() == event.sequence()) {
                return;
            }
            at--;
        }
        events.add(at, event);
        if (events.size() > capacity) {
            forgottenUpTo = events.remove(0).sequence();
        }
    }

    /** The events after {@code lastSeen}, or null when some of them are forgotten (the client needs a snapshot). */
    List<ScoreEvent> after(long lastSeen) {
        if (lastSeen < forgottenUpTo) {
            return null;
        }
        return events.stream().filter(e -> e.sequence() > lastSeen).toList();
    }

    /** Every event held, oldest first. */
    List<ScoreEvent> all() {
        return List.copyOf(events);
    }

    /** A ring of its own with the same events and the same memory of what it forgot. */
    ReplayRing copy() {
        ReplayRing copy = new ReplayRing(capacity, forgottenUpTo);
        copy.events.addAll(events);
        return copy;
    }
}
