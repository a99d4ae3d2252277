package io.ballast.server.ingest;

import java.util.List;

/**
 * A batch of observations was refused as a whole. {@code malformed} means it was not readable JSON of the right
 * shape; otherwise {@code errors} names each bad item by its index.
 */
public final class InvalidBatchException extends RuntimeException {

    private final boolean malformed;
    private final List<String> errors;

    public InvalidBatchException(boolean malformed, String detail, List<String> errors) {
        super(detail);
        this.malformed = malformed;
        this.errors = List.copyOf(errors);
    }

    /** A batch that could not be read at all. */
    static InvalidBatchException malformed(String detail) {
        return new InvalidBatchException(true, detail, List.of());
    }

    /** Whether the body was unreadable, as opposed to readable but wrong. */
    public boolean malformed() {
        return malformed;
    }

    /** One line per bad item, each starting with its JSON path such as {@code observations[3].value}. */
    public List<String> errors() {
        return errors;
    }
}
