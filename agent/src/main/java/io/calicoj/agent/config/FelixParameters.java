package io.calicoj.agent.config;

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
            p("HealthEnabled", "false", FelixParameters::bool, false),
            p("HealthHost", "localhost", FelixParameters::text, false),
            p("HealthPort", "9099", v -> positiveInt(v, 1, 65535), false),
            p("PrometheusMetricsEnabled", "false", FelixParameters::bool, false),
            p("PrometheusMetricsHost", "", FelixParameters::text, false),
            p("PrometheusMetricsPort", "9091", v -> positiveInt(v, 1, 65535), false),
            p("PrometheusGoMetricsEnabled", "true", FelixParameters::bool, false),
            p("PrometheusProcessMetricsEnabled", "true", FelixParameters::bool, false),
            p("EndpointStatusPathPrefix", "/var/run/calico", FelixParameters::absolutePath, false));

    /** Parameters the dataplane reads itself (DataplaneConfig.fromParameters validates them). */
    static final List<String> DATAPLANE = List.of(
            "InterfacePrefix", "IptablesMarkMask", "DefaultEndpointToHostAction", "IptablesFilterAllowAction",
            "DisableConntrackInvalidCheck", "LogPrefix", "FailsafeInboundHostPorts", "FailsafeOutboundHostPorts",
            "AllowVXLANPacketsFromWorkloads", "AllowIPIPPacketsFromWorkloads", "VXLANPort", "IptablesBackend",
            "ChainInsertMode", "MaxIpsetSize", "IptablesRefreshInterval", "IptablesPostWriteCheckIntervalSecs",
            "IptablesLockTimeoutSecs", "IpsetsRefreshInterval", "RouteRefreshInterval");

    /** Felix parameters we accept without implementing them (they configure features Calico/J does not have). */
    static final List<String> ACCEPTED_NOT_IMPLEMENTED = List.of(
            "DatastoreType", "LogFilePath", "LogSeverityFile", "LogSeveritySys", "UsageReportingEnabled",
            "IpInIpEnabled", "IpInIpMtu", "VXLANEnabled", "ReportingIntervalSecs", "ReportingTTLSecs",
            "EndpointReportingEnabled", "ClusterType", "MetadataAddr", "MetadataPort", "TyphaK8sServiceName",
            "BPFEnabled", "WireguardEnabled", "IgnoreLooseRPF", "Ipv6Support", "IptablesLockFilePath",
            "IptablesLockProbeIntervalMillis");

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

    /** An absolute path (Felix's {@code file} parameters), or "" (off). */
    static Object absolutePath(String v) {
        String t = v.trim();
        if (!t.isEmpty() && !t.startsWith("/")) {
            throw new IllegalArgumentException("must be an absolute path");
        }
        return t;
    }

    static Object interfacePrefixes(String v) {
        if (!INTERFACE_PREFIXES.matcher(v.trim()).matches()) {
            throw new IllegalArgumentException("must be a comma-separated list of interface name prefixes");
        }
        return List.of(v.trim().split(","));
    }


}
