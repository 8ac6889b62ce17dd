package io.calicoj.dataplane.linux;

import io.calicoj.exec.Command;
import io.calicoj.exec.CommandFailedException;
import io.calicoj.exec.CommandResult;
import io.calicoj.exec.CommandRunner;
import io.calicoj.model.Cidr;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host side of each local workload's interface, as Felix's endpoint manager and route table
 * keep it: for every workload interface that exists, the per-interface sysctls ({@code proxy_arp=1},
 * {@code neigh/<if>/proxy_delay=0}, {@code forwarding=1}, {@code rp_filter} = the host's
 * {@code default/rp_filter}, as modern Felix) — written again when the interface is re-created — and
 * a {@code /32} route per address ({@code ip route replace … scope link proto boot}, idempotent).
 * Unlike Felix, {@code route_localnet} is left alone (off by default): Felix turns it on for NAT to
 * the host's loopback (OpenStack's metadata service), which Calico/J does not do, and with it on a
 * pod could reach services bound to the node's {@code 127.0.0.1} (see {@code StaticChains}). Routes on workload interfaces that no endpoint wants are
 * removed. Interfaces that do not exist (yet) are looked for again after a poll interval. IPv4 only.
 */
final class InterfaceManager {

    private static final Logger LOG = LoggerFactory.getLogger(InterfaceManager.class);

    private final CommandRunner runner;
    private final InstantSource clock;
    private final List<String> prefixes;
    private final Duration refreshInterval;
    private final Duration pollInterval;

    /** endpoint key → (interface, addresses). */
    private final Map<Object, Map.Entry<String, List<Cidr>>> endpoints = new HashMap<>();
    /** interface → the ifindex we configured its sysctls for. */
    private final Map<String, Integer> configured = new HashMap<>();
    private boolean dirty = true;
    private Instant lastRefresh = Instant.EPOCH;
    private String defaultRpFilter;
    private int commands;

    InterfaceManager(CommandRunner runner, InstantSource clock, List<String> prefixes, Duration refreshInterval,
                     Duration pollInterval) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.prefixes = List.copyOf(prefixes);
        this.refreshInterval = Objects.requireNonNull(refreshInterval, "refreshInterval");
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
    }

    void setEndpoint(Object key, String iface, List<Cidr> ipv4Nets) {
        Map.Entry<String, List<Cidr>> value = Map.entry(iface, List.copyOf(ipv4Nets));
        if (!value.equals(endpoints.put(key, value))) {
            dirty = true;
        }
    }

    void removeEndpoint(Object key) {
        if (endpoints.remove(key) != null) {
            dirty = true;
        }
    }

    /** Processes run so far (for tests). */
    int commandCount() {
        return commands;
    }

    /** @return when to call again (refresh, or the poll for interfaces that are missing) */
    Duration apply() {
        Instant now = clock.instant();
        boolean refreshDue = !refreshInterval.isZero() && !now.isBefore(lastRefresh.plus(refreshInterval));
        if (!dirty && !refreshDue) {
            return untilRefresh(now);
        }
        Map<String, Integer> links = listLinks();
        Map<String, Set<String>> routes = listWorkloadRoutes();
        lastRefresh = now;
        Map<String, Set<String>> wanted = new TreeMap<>();
        endpoints.values().forEach(e -> {
            Set<String> set = wanted.computeIfAbsent(e.getKey(), k -> new TreeSet<>());
            e.getValue().forEach(c -> set.add(c.network().toString()));
        });
        boolean missing = false;
        List<String> batch = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : wanted.entrySet()) {
            String iface = e.getKey();
            Integer index = links.get(iface);
            if (index == null) {
                missing = true;
                continue;
            }
            if (!index.equals(configured.get(iface)) && configureInterface(iface)) {
                configured.put(iface, index);
            }
            Set<String> have = routes.getOrDefault(iface, Set.of());
            for (String cidr : e.getValue()) {
                if (!have.contains(cidr)) {
                    batch.add("route replace " + cidr + " dev " + iface + " scope link proto boot");
                }
            }
        }
        routes.forEach((iface, cidrs) -> {
            Set<String> want = wanted.getOrDefault(iface, Set.of());
            for (String cidr : cidrs) {
                if (!want.contains(cidr)) {
                    batch.add("route del " + cidr + " dev " + iface);
                }
            }
        });
        configured.keySet().retainAll(wanted.keySet());
        boolean failed = !batch.isEmpty() && !runBatch(batch);
        dirty = missing || failed;
        return dirty ? pollInterval : untilRefresh(now);
    }

    private Duration untilRefresh(Instant now) {
        if (refreshInterval.isZero()) {
            return io.calicoj.dataplane.iptables.Table.NO_RESCHEDULE;
        }
        Duration d = Duration.between(now, lastRefresh.plus(refreshInterval));
        return d.isNegative() ? Duration.ZERO : d;
    }

    private boolean configureInterface(String iface) {
        if (defaultRpFilter == null) {
            CommandResult r = run(Command.of("sysctl", "-n", "net.ipv4.conf.default.rp_filter"));
            defaultRpFilter = r != null && r.succeeded() && !r.stdout().isBlank() ? r.stdout().strip() : "1";
        }
        String conf = "net/ipv4/conf/" + iface + "/";
        CommandResult r = run(Command.of("sysctl", "-q", "-w",
                "net/ipv4/neigh/" + iface + "/proxy_delay=0",
                conf + "proxy_arp=1",
                conf + "forwarding=1",
                conf + "rp_filter=" + defaultRpFilter));
        if (r == null || !r.succeeded()) {
            LOG.warn("Could not configure interface {} (will retry): {}", iface, r == null ? "" : r.stderr().strip());
            return false;
        }
        LOG.info("Configured sysctls of workload interface {}", iface);
        return true;
    }

    private boolean runBatch(List<String> lines) {
        CommandResult r = run(Command.of("ip", "-force", "-batch", "-").withStdin(String.join("\n", lines) + "\n"));
        if (r == null || !r.succeeded()) {
            LOG.warn("Some route changes failed (will retry): {}", r == null ? "" : r.stderr().strip());
            return false;
        }
        return true;
    }

    /** {@code ip -o link show}: interface name → ifindex. */
    private Map<String, Integer> listLinks() {
        Map<String, Integer> links = new HashMap<>();
        CommandResult r = run(Command.of("ip", "-o", "link", "show"));
        if (r == null || !r.succeeded()) {
            return links;
        }
        for (String line : r.stdout().split("\n")) {
            String[] parts = line.split(": ", 3);
            if (parts.length < 2) {
                continue;
            }
            String name = parts[1];
            int at = name.indexOf('@');
            if (at >= 0) {
                name = name.substring(0, at);
            }
            try {
                links.put(name.strip(), Integer.parseInt(parts[0].strip()));
            } catch (NumberFormatException e) {
                LOG.debug("Ignoring unexpected ip link line: {}", line);
            }
        }
        return links;
    }

    /** {@code ip -4 route show}: for workload interfaces, the destinations routed to them. */
    private Map<String, Set<String>> listWorkloadRoutes() {
        Map<String, Set<String>> out = new HashMap<>();
        CommandResult r = run(Command.of("ip", "-4", "route", "show"));
        if (r == null || !r.succeeded()) {
            return out;
        }
        for (String line : r.stdout().split("\n")) {
            String[] w = line.strip().split("\\s+");
            if (w.length < 3 || w[0].equals("default")) {
                continue;
            }
            for (int i = 1; i + 1 < w.length; i++) {
                if (w[i].equals("dev") && isWorkloadInterface(w[i + 1])) {
                    String dest = w[0].contains("/") ? w[0] : w[0] + "/32";
                    out.computeIfAbsent(w[i + 1], k -> new TreeSet<>()).add(dest);
                }
            }
        }
        return out;
    }

    private boolean isWorkloadInterface(String iface) {
        for (String p : prefixes) {
            if (iface.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private CommandResult run(Command c) {
        commands++;
        try {
            return runner.run(c);
        } catch (CommandFailedException e) {
            LOG.warn("{} could not be run: {}", c, e.getMessage());
            return null;
        }
    }
}
