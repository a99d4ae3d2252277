package io.ballast.server.store;

/** A store call failed because the database cannot be reached (down, restarting, out of connections): retry later. */
public final class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(Throwable cause) {
        super("the database cannot be reached: " + DatabaseHealth.reason(cause), cause);
    }
}
