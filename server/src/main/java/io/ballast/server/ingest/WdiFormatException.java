package io.ballast.server.ingest;

/** A file is not a readable WDI bulk file; the message names the line and column and what is wrong. */
public final class WdiFormatException extends RuntimeException {

    public WdiFormatException(String message) {
        super(message);
    }
}
