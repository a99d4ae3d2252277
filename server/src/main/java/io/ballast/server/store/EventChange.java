package io.ballast.server.store;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * One event added ({@code before} empty), corrected (both present) or retracted ({@code after} empty), as committed.
 */
public record EventChange(Optional<ControlEvent> before, Optional<ControlEvent> after) {

    public EventChange {
        if (before.isEmpty() && after.isEmpty()) {
            throw new IllegalArgumentException("a change needs an event before or after it");
        }
    }

    static EventChange added(ControlEvent event) {
        return new EventChange(Optional.empty(), Optional.of(event));
    }

    /** The event's key. */
    public String key() {
        return after.or(() -> before).orElseThrow().key();
    }

    /** The event as it is now, or as it was when it was retracted. */
    public ControlEvent latest() {
        return after.or(() -> before).orElseThrow();
    }

    /** Whether the event is gone. */
    public boolean retracted() {
        return after.isEmpty();
    }

    /** Every economy the event counted against before or counts against now. */
    public Set<String> regions() {
        Set<String> out = new LinkedHashSet<>();
        before.ifPresent(e -> out.addAll(e.targets()));
        after.ifPresent(e -> out.addAll(e.targets()));
        return out;
    }

    /** The (region, year) cells whose scores the change can move. */
    public Set<Cell> cells() {
        Set<Cell> out = new LinkedHashSet<>();
        before.ifPresent(e -> out.addAll(EventStore.cells(e)));
        after.ifPresent(e -> out.addAll(EventStore.cells(e)));
        return out;
    }
}
