package io.ballast.server.cluster;

import io.ballast.server.stream.ScoreEvent;
import io.ballast.server.stream.ScoreEventWire;
import io.ballast.server.stream.ScoreEvents;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a member hands a joining node so that its streams can replay as every other node's do: each region's recent
 * events and each region's latest snapshot, as bytes.
 */
record Backlog(Map<String, List<ScoreEvent>> rings, List<ScoreEvent> latest) {

    private static final byte RING = 1;
    private static final byte LATEST = 2;

    Backlog {
        rings = Map.copyOf(rings);
        latest = List.copyOf(latest);
    }

    static final Backlog EMPTY = new Backlog(Map.of(), List.of());

    /** This node's backlog now. */
    static Backlog of(ScoreEvents events) {
        return new Backlog(events.backlog(), events.latest());
    }

    /** The greatest id in it, or 0. */
    long last() {
        long last = latest.stream().mapToLong(ScoreEvent::sequence).max().orElse(0);
        for (List<ScoreEvent> ring : rings.values()) {
            for (ScoreEvent e : ring) {
                last = Math.max(last, e.sequence());
            }
        }
        return last;
    }

    /** Fills a joining node's events: its rings first (so they start where the member's start), then its snapshots. */
    void fill(ScoreEvents events) {
        rings.forEach(events::seed);
        latest.forEach(e -> events.deliver(e, true));
    }

    Buffer write() {
        Buffer out = Buffer.buffer();
        rings.values().forEach(ring -> ring.forEach(e -> ScoreEventWire.write(out.appendByte(RING), e)));
        latest.forEach(e -> ScoreEventWire.write(out.appendByte(LATEST), e));
        return out;
    }

    static Backlog read(Buffer in) {
        Map<String, List<ScoreEvent>> rings = new LinkedHashMap<>();
        List<ScoreEvent> latest = new ArrayList<>();
        int at = 0;
        while (at < in.length()) {
            byte kind = in.getByte(at);
            ScoreEvent event = ScoreEventWire.read(in, at + 1);
            at += 1 + ScoreEventWire.length(event);
            if (kind == RING) {
                rings.computeIfAbsent(event.region(), r -> new ArrayList<>()).add(event);
            } else {
                latest.add(event);
            }
        }
        return new Backlog(rings, latest);
    }
}
