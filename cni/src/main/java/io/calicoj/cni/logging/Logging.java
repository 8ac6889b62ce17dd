package io.calicoj.cni.logging;

import io.calicoj.json.JsonTrees;
import java.util.Locale;
import org.slf4j.event.Level;
import tools.jackson.databind.JsonNode;

/**
 * The plugin's logs go to stderr (stdout carries the result) at the configuration's
 * {@code log_level}: {@code debug}, {@code info}, {@code warning}/{@code warn}, {@code error};
 * anything else means warning, as in Calico. The level is looked up at every event
 * ({@link StderrLogProvider}), so loggers made before {@link #configure} see it too.
 */
public final class Logging {

    /** SLF4J's property naming its provider: set, SLF4J does not search the class path for one. */
    static final String PROVIDER_PROPERTY = "slf4j.provider";

    /** SLF4J's own messages ("Attempting to load provider ...") only when something is wrong. */
    static final String VERBOSITY_PROPERTY = "slf4j.internal.verbosity";

    private static volatile Level threshold = Level.WARN;

    private Logging() {
    }

    /** Names {@link StderrLogProvider} to SLF4J; must run before the first logger is made. */
    public static void install() {
        if (System.getProperty(PROVIDER_PROPERTY) == null) {
            System.setProperty(PROVIDER_PROPERTY, StderrLogProvider.class.getName());
            if (System.getProperty(VERBOSITY_PROPERTY) == null) {
                System.setProperty(VERBOSITY_PROPERTY, "WARN");
            }
        }
    }

    /** The SLF4J level name for a configuration's {@code log_level}; "warn" when it cannot be read. */
    public static String levelOf(String stdin) {
        String level = "";
        try {
            JsonNode v = JsonTrees.parse(stdin).path("log_level");
            level = v.isString() ? v.asString() : "";
        } catch (RuntimeException e) {
            // A broken configuration is reported by the plugin; logging just stays at warning.
        }
        switch (level.toLowerCase(Locale.ROOT)) {
            case "debug":
            case "trace":
                return "debug";
            case "info":
                return "info";
            case "error":
            case "fatal":
            case "panic":
                return "error";
            default:
                return "warn";
        }
    }

    /** Sets the level of every logger of the plugin: one of {@link #levelOf}'s names. */
    public static void configure(String level) {
        threshold = Level.valueOf(level.toUpperCase(Locale.ROOT));
    }

    static boolean enabled(Level level) {
        return level.toInt() >= threshold.toInt();
    }
}
