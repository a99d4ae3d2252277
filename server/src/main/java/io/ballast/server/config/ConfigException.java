package io.ballast.server.config;

/** The configuration is unusable; the message names the file, the key and what is wrong. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
