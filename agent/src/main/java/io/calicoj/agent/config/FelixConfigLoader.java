package io.calicoj.agent.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loads {@link FelixConfig} as Felix does: environment variables {@code FELIX_<NAME>} (any case)
 * override the INI-style config file ({@code /etc/calico/felix.cfg}, section headers ignored),
 * which overrides the defaults. A bad value of most parameters logs a warning and keeps the
 * default; for the parameters Felix dies on (host name, interface prefix, mark mask) loading
 * fails. Unknown parameters are reported and ignored.
 */
public final class FelixConfigLoader {

    /** The outcome: the configuration, and the warnings to log (never containing secrets: Felix parameters hold none). */
    public record Loaded(FelixConfig config, List<String> warnings) {
        public Loaded {
            warnings = List.copyOf(warnings);
        }
    }

    private FelixConfigLoader() {
    }

    /**
     * @param env          the process environment
     * @param configFile   the INI file, or {@code null}; a missing file is fine
     * @param hostname     the machine's host name (the default FelixHostname)
     */
    public static Loaded load(Map<String, String> env, Path configFile, String hostname) {
        List<String> warnings = new ArrayList<>();
        Map<String, FelixParameters.Parameter> known = FelixParameters.byLowerCaseName();
        Map<String, String> raw = new LinkedHashMap<>();
        Map<String, String> source = new LinkedHashMap<>();
        if (configFile != null && Files.exists(configFile)) {
            readIni(configFile, raw, source, warnings);
        }
        env.forEach((k, v) -> {
            String lower = k.toLowerCase(Locale.ROOT);
            if (lower.startsWith("felix_")) {
                String name = lower.substring("felix_".length());
                raw.put(name, v);
                source.put(name, k);
            }
        });
        Map<String, Object> values = new LinkedHashMap<>();
        for (FelixParameters.Parameter p : FelixParameters.ALL) {
            values.put(p.name(), p.parser().apply(p.name().equals("FelixHostname") ? hostname : p.defaultValue()));
        }
        raw.forEach((lowerName, value) -> {
            FelixParameters.Parameter p = known.get(lowerName);
            if (p == null) {
                boolean accepted = java.util.stream.Stream.concat(FelixParameters.ACCEPTED_NOT_IMPLEMENTED.stream(),
                        FelixParameters.DATAPLANE.stream()).anyMatch(n -> n.toLowerCase(Locale.ROOT).equals(lowerName));
                if (!accepted) {
                    warnings.add("Ignoring unknown config param " + source.get(lowerName));
                }
                return;
            }
            try {
                Object parsed = value.trim().equalsIgnoreCase("none") ? zero(p) : p.parser().apply(value);
                values.put(p.name(), parsed);
            } catch (IllegalArgumentException e) {
                String msg = source.get(lowerName) + ": invalid value \"" + value + "\": " + e.getMessage();
                if (p.dieOnFail()) {
                    throw new IllegalArgumentException(msg);
                }
                warnings.add(msg + "; using the default " + p.defaultValue());
            }
        });
        return new Loaded(build(values, raw), warnings);
    }

    private static Object zero(FelixParameters.Parameter p) {
        Object def = p.parser().apply(p.name().equals("FelixHostname") ? "x" : p.defaultValue());
        if (p.dieOnFail()) {
            throw new IllegalArgumentException(p.name() + " cannot be none");
        }
        if (def instanceof Boolean) {
            return false;
        }
        if (def instanceof Integer) {
            return 0;
        }
        if (def instanceof String) {
            return "";
        }
        throw new IllegalArgumentException("cannot be none");
    }

    private static void readIni(Path file, Map<String, String> raw, Map<String, String> source, List<String> warnings) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            warnings.add("Cannot read config file " + file + ": " + e.getMessage());
            return;
        }
        for (String line : lines) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#") || t.startsWith(";") || t.startsWith("[")) {
                continue;
            }
            int eq = t.indexOf('=');
            if (eq <= 0) {
                warnings.add("Ignoring malformed line in " + file + ": " + t);
                continue;
            }
            String name = t.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            if (raw.containsKey(name)) {
                warnings.add("Duplicate config param " + t.substring(0, eq).strip() + " in " + file);
            }
            raw.put(name, t.substring(eq + 1).strip());
            source.put(name, t.substring(0, eq).strip() + " (" + file + ")");
        }
    }

    @SuppressWarnings("unchecked")
    private static FelixConfig build(Map<String, Object> v, Map<String, String> raw) {
        return new FelixConfig(
                (String) v.get("FelixHostname"),
                (String) v.get("LogSeverityScreen"),
                (List<String>) v.get("InterfacePrefix"),
                (Boolean) v.get("HealthEnabled"),
                (String) v.get("HealthHost"),
                (Integer) v.get("HealthPort"),
                (Boolean) v.get("PrometheusMetricsEnabled"),
                (String) v.get("PrometheusMetricsHost"),
                (Integer) v.get("PrometheusMetricsPort"),
                (Boolean) v.get("PrometheusGoMetricsEnabled"),
                (Boolean) v.get("PrometheusProcessMetricsEnabled"),
                (String) v.get("EndpointStatusPathPrefix"),
                raw);
    }
}
