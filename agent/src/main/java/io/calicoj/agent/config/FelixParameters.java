package io.calicoj.agent.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The table of Felix parameters Calico/J implements: Felix's v3 name (environment variable
 * {@code FELIX_<NAME UPPER-CASED>}), default, and parser. Values parse as Felix parses them:
 * booleans {@code true/1/yes/y/t} and {@code false/0/no/n/f}; one-of values in any case; the
 * literal {@code none} means the empty/zero value.
 */
public final class FelixParameters {

    /** A parameter: its canonical name, its default (text, parsed like any value) and its parser. */
    record Parameter(String name, String defaultValue, Function<String, Object> parser, boolean dieOnFail) {
    }

    private static final Pattern INTERFACE_PREFIXES = Pattern.compile("[a-zA-Z0-9_-]{1,15}(,[a-zA-Z0-9_-]{1,15})*");

    static final List<Parameter> ALL = List.of(
            p("FelixHostname", "", FelixParameters::text, true),
            p("LogSeverityScreen", "INFO", FelixParameters::severity, false),
            p("InterfacePrefix", "cali", FelixParameters::interfacePrefixes, true),
            p("IptablesRefreshInterval", "90", FelixParameters::seconds, false),
            p("IpsetsRefreshInterval", "90", FelixParameters::seconds, false),
            p("RouteRefreshInterval", "90", FelixParameters::seconds, false),
            p("IptablesPostWriteCheckIntervalSecs", "1", FelixParameters::seconds, false),
            p("IptablesLockFilePath", "/run/xtables.lock", FelixParameters::text, false),
            p("IptablesLockTimeoutSecs", "0", FelixParameters::seconds, false),
            p("IptablesLockProbeIntervalMillis", "50", FelixParameters::millis, false),
            p("IptablesBackend", "Auto", v -> oneOf(v, FelixConfig.IptablesBackend.class), false),
            p("IptablesMarkMask", "0xffff0000", FelixParameters::markMask, true),
            p("ChainInsertMode", "Insert", v -> oneOf(v, FelixConfig.ChainInsertMode.class), false),
            p("DefaultEndpointToHostAction", "Drop", v -> oneOf(v, FelixConfig.EndpointToHostAction.class), false),
            p("IptablesFilterAllowAction", "Accept", v -> oneOf(v, FelixConfig.FilterAllowAction.class), false),
            p("DisableConntrackInvalidCheck", "false", FelixParameters::bool, false),
            p("LogPrefix", "calico-packet", FelixParameters::text, false),
            p("MaxIpsetSize", "1048576", v -> positiveInt(v, 1, Integer.MAX_VALUE), false),
            p("Ipv6Support", "true", FelixParameters::bool, false),
            p("HealthEnabled", "false", FelixParameters::bool, false),
            p("HealthHost", "localhost", FelixParameters::text, false),
            p("HealthPort", "9099", v -> positiveInt(v, 1, 65535), false),
            p("PrometheusMetricsEnabled", "false", FelixParameters::bool, false),
            p("PrometheusMetricsHost", "", FelixParameters::text, false),
            p("PrometheusMetricsPort", "9091", v -> positiveInt(v, 1, 65535), false),
            p("PrometheusGoMetricsEnabled", "true", FelixParameters::bool, false),
            p("PrometheusProcessMetricsEnabled", "true", FelixParameters::bool, false));

    /** Felix parameters we accept without implementing them (they configure features Calico/J does not have). */
    static final List<String> ACCEPTED_NOT_IMPLEMENTED = List.of(
            "DatastoreType", "LogFilePath", "LogSeverityFile", "LogSeveritySys", "UsageReportingEnabled",
            "IpInIpEnabled", "IpInIpMtu", "VXLANEnabled", "FailsafeInboundHostPorts", "FailsafeOutboundHostPorts",
            "ReportingIntervalSecs", "ReportingTTLSecs", "EndpointReportingEnabled", "ClusterType", "MetadataAddr",
            "MetadataPort", "TyphaK8sServiceName", "BPFEnabled", "WireguardEnabled", "IgnoreLooseRPF");

    private FelixParameters() {
    }

    private static Parameter p(String name, String def, Function<String, Object> parser, boolean dieOnFail) {
        return new Parameter(name, def, parser, dieOnFail);
    }

    static Map<String, Parameter> byLowerCaseName() {
        Map<String, Parameter> m = new LinkedHashMap<>();
        for (Parameter p : ALL) {
            m.put(p.name().toLowerCase(Locale.ROOT), p);
        }
        return m;
    }

    static Object text(String v) {
        return v;
    }

    static Object bool(String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "y", "t" -> true;
            case "false", "0", "no", "n", "f", "" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        };
    }

    static Object seconds(String v) {
        try {
            double s = Double.parseDouble(v.trim());
            if (s < 0) {
                throw new IllegalArgumentException("must not be negative");
            }
            return Duration.ofMillis(Math.round(s * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a number of seconds");
        }
    }

    static Object millis(String v) {
        return Duration.ofMillis(((Number) positiveInt(v, 0, Integer.MAX_VALUE)).longValue());
    }

    static Object positiveInt(String v, int min, int max) {
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number");
        }
    }

    static Object severity(String v) {
        String s = v.trim().toUpperCase(Locale.ROOT);
        return switch (s) {
            case "DEBUG", "INFO", "WARNING", "ERROR", "FATAL", "CRITICAL", "PANIC" -> s;
            case "WARN" -> "WARNING";
            default -> throw new IllegalArgumentException("must be one of Debug, Info, Warning, Error, Fatal");
        };
    }

    static Object interfacePrefixes(String v) {
        if (!INTERFACE_PREFIXES.matcher(v.trim()).matches()) {
            throw new IllegalArgumentException("must be a comma-separated list of interface name prefixes");
        }
        return List.of(v.trim().split(","));
    }

    /** A 32-bit mask with enough bits for Felix's marks (accept, pass, two scratch bits). */
    static Object markMask(String v) {
        String t = v.trim().toLowerCase(Locale.ROOT);
        long mask;
        try {
            mask = t.startsWith("0x") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a 32-bit number such as 0xffff0000");
        }
        if (mask < 0 || mask > 0xffffffffL || Long.bitCount(mask) < 4) {
            throw new IllegalArgumentException("must be a 32-bit mask with at least 4 bits set");
        }
        return mask;
    }

    static <E extends Enum<E>> Object oneOf(String v, Class<E> type) {
        String t = v.trim().toUpperCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(t)) {
                return e;
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            String n = e.name().toLowerCase(Locale.ROOT);
            names.add(n.substring(0, 1).toUpperCase(Locale.ROOT) + n.substring(1));
        }
        throw new IllegalArgumentException("must be one of " + String.join(", ", names));
    }
}
