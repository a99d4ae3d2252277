package io.ballast.server.connector;

/** A World Bank API request failed; {@link Kind} says whether trying again may help. The message says what happened. */
public final class SourceException extends RuntimeException {

    /** Why a request failed. */
    public enum Kind {
        /** The API could not be reached at all (no route, no DNS, connection refused or timed out). */
        OFFLINE,
        /** A failure that may pass: HTTP 5xx or 429, no answer in time, a dropped connection. */
        TRANSIENT,
        /** The API answered with its error shape or an HTTP 4xx: the request itself is wrong. */
        REFUSED,
        /** The answer is not the World Bank's JSON shape: unreadable, incomplete or inconsistent. */
        MALFORMED
    }

    private final Kind kind;

    public SourceException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public SourceException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** Why the request failed. */
    public Kind kind() {
        return kind;
    }

    /** Whether the same request may succeed when tried again. */
    public boolean retryable() {
        return kind == Kind.OFFLINE || kind == Kind.TRANSIENT;
    }
}
