package io.calicoj.cni;

import io.calicoj.datastore.kubeapi.KubeJson;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * The plugin's logs go to stderr (stdout carries the result) at the configuration's
 * {@code log_level}: {@code debug}, {@code info}, {@code warning}/{@code warn}, {@code error};
 * anything else means warning, as in Calico. Must run before the first logger is created
 * (slf4j-simple reads its settings then).
 */
final class Logging {

    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private Logging() {
    }

    /** The SLF4J level name for a configuration's {@code log_level}; "warn" when it cannot be read. */
    static String levelOf(String stdin) {
        String level = "";
        try {
            JsonNode v = KubeJson.parse(stdin).path("log_level");
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

    static void configure(String level) {
        setDefault("defaultLogLevel", level);
        setDefault("logFile", "System.err");
        setDefault("showDateTime", "true");
        setDefault("dateTimeFormat", "yyyy-MM-dd HH:mm:ss.SSS");
        setDefault("showThreadName", "false");
        setDefault("showShortLogName", "true");
        setDefault("levelInBrackets", "true");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(PREFIX + key) == null) {
            System.setProperty(PREFIX + key, value);
        }
    }
}
