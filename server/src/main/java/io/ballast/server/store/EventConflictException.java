package io.ballast.server.store;

import java.util.List;

/** Events could not be added because events with their keys are stored already; nothing was written. */
public final class EventConflictException extends RuntimeException {

    private final List<String> keys;

    public EventConflictException(List<String> keys) {
        super("events with these ids exist already: " + String.join(", ", keys));
        this.keys = List.copyOf(keys);
    }

    /** The keys already taken. */
    public List<String> keys() {
        return keys;
    }
}
