package io.ballast.server.stream;

/** Every stream place is taken; the client should retry later. */
public final class StreamsExhaustedException extends RuntimeException {

    private final int open;

    public StreamsExhaustedException(int open) {
        super("all " + open + " stream places are taken");
        this.open = open;
    }

    /** How many streams were open when this one was refused. */
    public int open() {
        return open;
    }
}
