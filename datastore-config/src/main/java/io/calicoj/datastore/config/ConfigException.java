package io.calicoj.datastore.config;

/** The datastore configuration is invalid or unreadable. The message names the setting and value (never a secret). */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
