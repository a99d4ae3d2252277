package io.ballast.server.connector;

/** A Federal Register API request failed; {@link Kind} says whether trying again may help. */
public final class FederalRegisterException extends RuntimeException {

    /** Why a request failed. */
    public enum Kind {
        /** The API could not be reached at all (no route, no DNS, connection refused). */
        OFFLINE,
        /** A failure that may pass: HTTP 5xx or 429, no answer in time, a dropped connection. */
        TRANSIENT,
        /** The API refused the request (HTTP 4xx, its error object): the request itself is wrong. */
        REFUSED,
        /** The answer is not the API's JSON shape, or pages that do not add up. */
        MALFORMED
    }

    private final Kind kind;

    public FederalRegisterException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public FederalRegisterException(Kind kind, String message, Throwable cause) {
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
