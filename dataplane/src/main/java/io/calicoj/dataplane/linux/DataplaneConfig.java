package io.calicoj.dataplane.linux;

import io.calicoj.dataplane.RetryPolicy;
import io.calicoj.dataplane.iptables.Action;
import io.calicoj.dataplane.iptables.Table;
import io.calicoj.dataplane.ipsets.IpSets;
import io.calicoj.dataplane.rules.EndpointToHostAction;
import io.calicoj.dataplane.rules.MarkBits;
import io.calicoj.dataplane.rules.ProtoPort;
import io.calicoj.dataplane.rules.RulesConfig;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The Felix parameters the Linux dataplane reads, with modern Felix's defaults. Build it from
 * parameter names ({@link #fromParameters}, as in a FelixConfiguration or a config file) or from
 * {@code FELIX_*} environment variables ({@link #fromEnvironment}).
 *
 * @param iptablesBackend        FELIX_IPTABLESBACKEND: {@code auto} (default), {@code nft} or {@code legacy}
 * @param chainInsertMode        FELIX_CHAININSERTMODE: {@code insert} (default) or {@code append}
 * @param interfacePollInterval  how often to look again for a workload interface that does not exist yet
 */
public record DataplaneConfig(RulesConfig rules, String iptablesBackend, String chainInsertMode,
                              Duration iptablesRefreshInterval, Duration iptablesPostWriteCheckInterval,
                              Duration iptablesLockTimeout, Duration ipsetsRefreshInterval, int maxIpsetSize,
                              Duration routeRefreshInterval, Duration interfacePollInterval) {

    public DataplaneConfig {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(iptablesBackend, "iptablesBackend");
        Objects.requireNonNull(chainInsertMode, "chainInsertMode");
        Objects.requireNonNull(iptablesRefreshInterval, "iptablesRefreshInterval");
        Objects.requireNonNull(iptablesPostWriteCheckInterval, "iptablesPostWriteCheckInterval");
        Objects.requireNonNull(iptablesLockTimeout, "iptablesLockTimeout");
        Objects.requireNonNull(ipsetsRefreshInterval, "ipsetsRefreshInterval");
        Objects.requireNonNull(routeRefreshInterval, "routeRefreshInterval");
        Objects.requireNonNull(interfacePollInterval, "interfacePollInterval");
    }

    public static DataplaneConfig defaults() {
        return fromParameters(Map.of());
    }

    /** From {@code FELIX_<NAME>} variables (other variables are ignored; names are case-insensitive). */
    public static DataplaneConfig fromEnvironment(Map<String, String> env) {
        Map<String, String> params = new HashMap<>();
        env.forEach((k, v) -> {
            if (k.toLowerCase(Locale.ROOT).startsWith("felix_")) {
                params.put(k.substring("felix_".length()), v);
            }
        });
        return fromParameters(params);
    }

    /**
     * From Felix parameter names ({@code InterfacePrefix}, {@code IptablesMarkMask}, … in any case).
     *
     * @throws IllegalArgumentException naming the parameter and the value that is wrong
     */
    public static DataplaneConfig fromParameters(Map<String, String> raw) {
        Params p = new Params(raw);
        List<String> prefixes = List.of(p.string("InterfacePrefix", "cali").split(","));
        for (String prefix : prefixes) {
            if (!prefix.matches("[a-zA-Z0-9_-]{1,15}")) {
                throw new IllegalArgumentException("InterfacePrefix = '" + p.string("InterfacePrefix", "") + "': each entry must be"
                        + " 1-15 letters, digits, '_' or '-'");
            }
        }
        String allow = p.string("IptablesFilterAllowAction", "ACCEPT").toUpperCase(Locale.ROOT);
        if (!allow.equals("ACCEPT") && !allow.equals("RETURN")) {
            throw new IllegalArgumentException("IptablesFilterAllowAction = '" + allow + "': must be ACCEPT or RETURN");
        }
        RulesConfig rules = new RulesConfig(prefixes, MarkBits.fromMask(p.number("IptablesMarkMask", MarkBits.DEFAULT_MASK)),
                EndpointToHostAction.parse(p.string("DefaultEndpointToHostAction", "DROP")),
                allow.equals("ACCEPT") ? Action.ACCEPT : Action.RETURN,
                p.bool("DisableConntrackInvalidCheck", false), p.string("LogPrefix", "calico-packet"),
                ProtoPort.parseList("FailsafeInboundHostPorts", p.string("FailsafeInboundHostPorts",
                        "tcp:22,udp:68,tcp:179,tcp:2379,tcp:2380,tcp:5473,tcp:6443,tcp:6666,tcp:6667")),
                ProtoPort.parseList("FailsafeOutboundHostPorts", p.string("FailsafeOutboundHostPorts",
                        "udp:53,udp:67,tcp:179,tcp:2379,tcp:2380,tcp:5473,tcp:6443,tcp:6666,tcp:6667")),
                p.bool("AllowVXLANPacketsFromWorkloads", false), p.bool("AllowIPIPPacketsFromWorkloads", false),
                (int) p.number("VXLANPort", 4789));
        String backend = p.string("IptablesBackend", "auto").toLowerCase(Locale.ROOT);
        if (!List.of("auto", "nft", "legacy").contains(backend)) {
            throw new IllegalArgumentException("IptablesBackend = '" + backend + "': must be one of auto, nft, legacy");
        }
        String insertMode = p.string("ChainInsertMode", "insert").toLowerCase(Locale.ROOT);
        if (!insertMode.equals("insert") && !insertMode.equals("append")) {
            throw new IllegalArgumentException("ChainInsertMode = '" + insertMode + "': must be insert or append");
        }
        long maxIpset = p.number("MaxIpsetSize", 1_048_576);
        if (maxIpset < 1 || maxIpset > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("MaxIpsetSize = '" + maxIpset + "': must be between 1 and " + Integer.MAX_VALUE);
        }
        return new DataplaneConfig(rules, backend, insertMode,
                p.seconds("IptablesRefreshInterval", Duration.ofSeconds(90)),
                p.seconds("IptablesPostWriteCheckIntervalSecs", Duration.ofSeconds(1)),
                p.seconds("IptablesLockTimeoutSecs", Duration.ofSeconds(10)),
                p.seconds("IpsetsRefreshInterval", Duration.ofSeconds(90)), (int) maxIpset,
                p.seconds("RouteRefreshInterval", Duration.ofSeconds(90)), Duration.ofSeconds(1));
    }

    public DataplaneConfig withIptablesBackend(String backend) {
        return new DataplaneConfig(rules, backend, chainInsertMode, iptablesRefreshInterval, iptablesPostWriteCheckInterval,
                iptablesLockTimeout, ipsetsRefreshInterval, maxIpsetSize, routeRefreshInterval, interfacePollInterval);
    }

    public DataplaneConfig withRules(RulesConfig r) {
        return new DataplaneConfig(r, iptablesBackend, chainInsertMode, iptablesRefreshInterval, iptablesPostWriteCheckInterval,
                iptablesLockTimeout, ipsetsRefreshInterval, maxIpsetSize, routeRefreshInterval, interfacePollInterval);
    }

    Table.Options tableOptions() {
        Duration lock = iptablesLockTimeout.isZero() ? Duration.ofSeconds(10) : iptablesLockTimeout;
        return new Table.Options(iptablesRefreshInterval, iptablesPostWriteCheckInterval, chainInsertMode, lock,
                RetryPolicy.IPTABLES, RetryPolicy.READS, "cali-", false);
    }

    IpSets.Options ipSetOptions() {
        return new IpSets.Options(ipsetsRefreshInterval, maxIpsetSize, RetryPolicy.IPSETS, RetryPolicy.READS);
    }

    /** Case-insensitive parameter lookup with typed parsing and errors that name the parameter. */
    private static final class Params {
        private final Map<String, String> values = new HashMap<>();

        Params(Map<String, String> raw) {
            raw.forEach((k, v) -> values.put(k.toLowerCase(Locale.ROOT), v));
        }

        private String get(String name) {
            String v = values.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isBlank() ? null : v.strip();
        }

        /** The value, the default when unset, or "" for Felix's {@code none} (the zero value). */
        String string(String name, String def) {
            String v = get(name);
            if (v == null) {
                return def;
            }
            return v.equalsIgnoreCase("none") ? "" : v;
        }

        boolean bool(String name, boolean def) {
            String v = get(name);
            if (v == null) {
                return def;
            }
            switch (v.toLowerCase(Locale.ROOT)) {
                case "true": case "1": case "yes": case "y": case "t":
                    return true;
                case "false": case "0": case "no": case "n": case "f":
                    return false;
                default:
                    throw new IllegalArgumentException(name + " = '" + v + "': must be true or false");
            }
        }

        long number(String name, long def) {
            String v = get(name);
            if (v == null) {
                return def;
            }
            try {
                return v.startsWith("0x") || v.startsWith("0X") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " = '" + v + "': not a number", e);
            }
        }

        Duration seconds(String name, Duration def) {
            String v = get(name);
            if (v == null) {
                return def;
            }
            try {
                BigDecimal s = new BigDecimal(v);
                if (s.signum() < 0) {
                    throw new IllegalArgumentException(name + " = '" + v + "': must not be negative");
                }
                return Duration.ofNanos(s.movePointRight(9).longValueExact());
            } catch (NumberFormatException | ArithmeticException e) {
                throw new IllegalArgumentException(name + " = '" + v + "': not a number of seconds", e);
            }
        }
    }
}
