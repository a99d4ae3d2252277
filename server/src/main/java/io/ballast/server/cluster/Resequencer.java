package io.ballast.server.cluster;

import io.ballast.server.stream.ScoreEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Puts the events of every node back into id order. Ids come from one cluster-wide counter, so they have no holes,
 * but two nodes' events travel on different connections and can arrive crossed: an event is held until every id
 * before it has arrived, or until it has waited {@code patienceMillis} (a node that took an id and died before
 * sending it leaves a hole for good). An event older than those already released is released at once: the replay
 * rings put it in its place. Not thread-safe: one event loop owns it. Time is passed in, so tests need no clock.
 */
final class Resequencer {

    /** An event and whether it is its region's new snapshot. */
    record Arrival(ScoreEvent event, boolean snapshot) {
    }

    private record Held(Arrival arrival, long since) {
    }

    private final long patienceMillis;
    private final TreeMap<Long, Held> held = new TreeMap<>();
    /** The id expected next; 0 until {@link #startAt} (everything is held until then). */
    private long next;

    Resequencer(long patienceMillis) {
        this.patienceMillis = patienceMillis;
    }

    /** From now on, releases in order from {@code id}; what is held below it is released as late. */
    List<Arrival> startAt(long id, long now) {
        next = Math.max(next, id);
        List<Arrival> out = new ArrayList<>();
        while (!held.isEmpty() && held.firstKey() < next) {
            out.add(held.pollFirstEntry().getValue().arrival());
        }
        release(out);
        return out;
    }

    /** Takes an arrival; answers what can be released now, in order. */
    List<Arrival> offer(Arrival arrival, long now) {
        long id = arrival.event().sequence();
        if (next != 0 && id < next) {
            return List.of(arrival); // late: after its successors, or a duplicate the rings ignore
        }
        held.putIfAbsent(id, new Held(arrival, now));
        List<Arrival> out = new ArrayList<>();
        release(out);
        return out;
    }

    /** Gives up on holes older than the patience: answers what that releases, in order. */
    List<Arrival> expire(long now) {
        List<Arrival> out = new ArrayList<>();
        while (next != 0 && !held.isEmpty() && now - held.firstEntry().getValue().since() >= patienceMillis) {
            next = held.firstKey();
            release(out);
        }
        return out;
    }

    /** How many events wait for an earlier one. */
    int waiting() {
        return held.size();
    }

    private void release(List<Arrival> out) {
        if (next == 0) {
            return;
        }
        while (!held.isEmpty() && held.firstKey() == next) {
            out.add(held.pollFirstEntry().getValue().arrival());
            next++;
        }
    }
}
