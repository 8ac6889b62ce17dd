package io.calicoj.dataplane.linux;

import io.calicoj.dataplane.api.HostEndpointUpdate;
import io.calicoj.dataplane.api.WorkloadEndpointUpdate;
import io.calicoj.dataplane.iptables.Chain;
import io.calicoj.dataplane.iptables.Table;
import io.calicoj.dataplane.rules.DispatchRenderer;
import io.calicoj.dataplane.rules.EndpointRenderer;
import io.calicoj.model.ResourceKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local endpoints → their chains and the dispatch chains (Felix's endpoint manager). Rendering is
 * deferred to {@link #flushTo(Table)}: only endpoints whose chains changed are rewritten, and the
 * dispatch chains only when the set of interfaces changed. Two endpoints with one interface name:
 * the first by key wins and an error is logged (as Felix). Host endpoints: the normal
 * (INPUT/OUTPUT) policy of endpoints with a named interface; wildcard ({@code *}) host endpoints,
 * untracked, pre-DNAT and forward host policy are not supported (logged, ignored).
 */
final class EndpointManager {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointManager.class);

    private final EndpointRenderer renderer;
    private final DispatchRenderer dispatch;
    private final Map<ResourceKey, WorkloadEndpointUpdate> workloads = new TreeMap<>();
    private final Map<ResourceKey, HostEndpointUpdate> hosts = new TreeMap<>();
    private boolean dirty = true;

    private Map<String, List<Chain>> programmedWorkloads = new HashMap<>();
    private Map<String, List<Chain>> programmedHosts = new HashMap<>();
    private List<Chain> programmedWorkloadDispatch = List.of();
    private List<Chain> programmedHostDispatch = List.of();

    EndpointManager(EndpointRenderer renderer, DispatchRenderer dispatch) {
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.dispatch = Objects.requireNonNull(dispatch, "dispatch");
    }

    void updateWorkload(WorkloadEndpointUpdate m) {
        workloads.put(m.key(), m);
        dirty = true;
    }

    void removeWorkload(ResourceKey key) {
        dirty |= workloads.remove(key) != null;
    }

    void updateHost(HostEndpointUpdate m) {
        if (m.interfaceName().equals("*") || m.interfaceName().isEmpty()) {
            LOG.warn("Host endpoint {} applies to all interfaces: not supported, ignored", m.key());
            return;
        }
        if (!m.untrackedTiers().isEmpty() || !m.preDnatTiers().isEmpty()) {
            LOG.warn("Host endpoint {} has untracked or pre-DNAT policy: not supported, only its normal policy is programmed",
                    m.key());
        }
        hosts.put(m.key(), m);
        dirty = true;
    }

    void removeHost(ResourceKey key) {
        dirty |= hosts.remove(key) != null;
    }

    void flushTo(Table table) {
        if (!dirty) {
            return;
        }
        programmedWorkloads = sync(table, programmedWorkloads, byInterface(workloads.values(), WorkloadEndpointUpdate::interfaceName,
                w -> renderer.workloadChains(w.interfaceName(), w.tiers(), w.profileIds())));
        programmedHosts = sync(table, programmedHosts, byInterface(hosts.values(), HostEndpointUpdate::interfaceName,
                h -> renderer.hostChains(h.interfaceName(), h.tiers(), h.profileIds())));
        programmedWorkloadDispatch = syncDispatch(table, programmedWorkloadDispatch,
                dispatch.workloadDispatchChains(programmedWorkloads.keySet()));
        programmedHostDispatch = syncDispatch(table, programmedHostDispatch, dispatch.hostDispatchChains(programmedHosts.keySet()));
        dirty = false;
    }

    private static <T> Map<String, List<Chain>> byInterface(Iterable<T> endpoints, Function<T, String> iface,
                                                            Function<T, List<Chain>> render) {
        Map<String, List<Chain>> out = new TreeMap<>();
        for (T ep : endpoints) {
            String name = iface.apply(ep);
            if (out.containsKey(name)) {
                LOG.error("Multiple endpoints with same interface name detected ({}): incorrect policy may be applied", name);
                continue;
            }
            out.put(name, render.apply(ep));
        }
        return out;
    }

    private static Map<String, List<Chain>> sync(Table table, Map<String, List<Chain>> old, Map<String, List<Chain>> now) {
        now.forEach((iface, chains) -> {
            if (!chains.equals(old.get(iface))) {
                table.updateChains(chains);
            }
        });
        old.forEach((iface, chains) -> {
            if (!now.containsKey(iface)) {
                table.removeChains(chains.stream().map(Chain::name).toList());
            }
        });
        return now;
    }

    private static List<Chain> syncDispatch(Table table, List<Chain> old, List<Chain> now) {
        if (old.equals(now)) {
            return old;
        }
        List<String> gone = new ArrayList<>();
        old.forEach(c -> gone.add(c.name()));
        now.forEach(c -> gone.remove(c.name()));
        table.updateChains(now);
        table.removeChains(gone);
        return now;
    }
}
