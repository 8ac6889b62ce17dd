package io.calicoj.dataplane.linux;

import io.calicoj.dataplane.api.DataplaneProblem;
import io.calicoj.dataplane.api.DataplaneProblems;
import io.calicoj.dataplane.api.HostEndpointUpdate;
import io.calicoj.dataplane.api.WorkloadEndpointUpdate;
import io.calicoj.dataplane.iptables.Chain;
import io.calicoj.dataplane.iptables.Table;
import io.calicoj.dataplane.rules.ChainNames;
import io.calicoj.dataplane.rules.DispatchRenderer;
import io.calicoj.dataplane.rules.EndpointRenderer;
import io.calicoj.dataplane.rules.FailClosedChains;
import io.calicoj.model.ResourceKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local endpoints → their chains and the dispatch chains (Felix's endpoint manager). Rendering is
 * deferred to {@link #flushTo(Table)}: only endpoints whose chains changed are rewritten, and the
 * dispatch chains only when the set of interfaces changed. Two endpoints with one interface name:
 * the first by key wins and an error is logged (as Felix). Host endpoints: the normal
 * (INPUT/OUTPUT) policy of endpoints with a named interface; wildcard ({@code *}) host endpoints,
 * untracked, pre-DNAT and forward host policy are not supported (logged, ignored).
 *
 * <p>Fails closed: an endpoint whose message was set aside, or whose chains cannot be rendered, gets
 * chains that drop everything (a host endpoint's keep its failsafe ports) until its next update;
 * dispatch chains that cannot be rendered drop every workload's traffic.
 */
final class EndpointManager {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointManager.class);

    private final EndpointRenderer renderer;
    private final DispatchRenderer dispatch;
    private final DataplaneProblems problems;
    private final Map<ResourceKey, WorkloadEndpointUpdate> workloads = new TreeMap<>();
    private final Map<ResourceKey, HostEndpointUpdate> hosts = new TreeMap<>();
    /** Endpoints programmed as drop-everything chains until their next update. */
    private final Set<ResourceKey> failed = new TreeSet<>();
    private boolean dirty = true;

    private Map<String, List<Chain>> programmedWorkloads = new HashMap<>();
    private Map<String, List<Chain>> programmedHosts = new HashMap<>();
    private List<Chain> programmedWorkloadDispatch = List.of();
    private List<Chain> programmedHostDispatch = List.of();
    /** The workload endpoints whose chains the last flush wrote (one per interface). */
    private List<WorkloadEndpointUpdate> flushedWorkloads = List.of();

    EndpointManager(EndpointRenderer renderer, DispatchRenderer dispatch, DataplaneProblems problems) {
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.dispatch = Objects.requireNonNull(dispatch, "dispatch");
        this.problems = Objects.requireNonNull(problems, "problems");
    }

    void updateWorkload(WorkloadEndpointUpdate m) {
        workloads.put(m.key(), m);
        failed.remove(m.key());
        dirty = true;
    }

    void removeWorkload(ResourceKey key) {
        failed.remove(key);
        dirty |= workloads.remove(key) != null;
    }

    void updateHost(HostEndpointUpdate m) {
        failed.remove(m.key());
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
        failed.remove(key);
        dirty |= hosts.remove(key) != null;
    }

    /** The endpoint's last message could not be taken: its chains drop everything until its next update. */
    void failEndpoint(ResourceKey key) {
        if (workloads.containsKey(key) || hosts.containsKey(key)) {
            failed.add(key);
            dirty = true;
        }
    }

    /** The workload endpoints whose chains the last {@link #flushTo} wrote into the table, as they were then. */
    Collection<WorkloadEndpointUpdate> flushedWorkloads() {
        return flushedWorkloads;
    }

    void flushTo(Table table) {
        if (!dirty) {
            return;
        }
        Map<String, WorkloadEndpointUpdate> byIface = byInterface(workloads.values(), WorkloadEndpointUpdate::interfaceName);
        programmedWorkloads = sync(table, programmedWorkloads, render(byIface, WorkloadEndpointUpdate::key,
                w -> renderer.workloadChains(w.interfaceName(), w.tiers(), w.profileIds()),
                iface -> FailClosedChains.drop(List.of(ChainNames.endpoint(ChainNames.TO_WORKLOAD, iface),
                        ChainNames.endpoint(ChainNames.FROM_WORKLOAD, iface)))));
        flushedWorkloads = List.copyOf(byIface.values());
        programmedHosts = sync(table, programmedHosts, render(byInterface(hosts.values(), HostEndpointUpdate::interfaceName),
                HostEndpointUpdate::key, h -> renderer.hostChains(h.interfaceName(), h.tiers(), h.profileIds()),
                iface -> List.of(FailClosedChains.hostDrop(ChainNames.endpoint(ChainNames.TO_HOST, iface), ChainNames.FAILSAFE_OUT),
                        FailClosedChains.hostDrop(ChainNames.endpoint(ChainNames.FROM_HOST, iface), ChainNames.FAILSAFE_IN))));
        programmedWorkloadDispatch = syncDispatch(table, programmedWorkloadDispatch, renderDispatch("workload",
                () -> dispatch.workloadDispatchChains(programmedWorkloads.keySet()),
                () -> FailClosedChains.drop(List.of(ChainNames.FROM_WORKLOAD_DISPATCH, ChainNames.TO_WORKLOAD_DISPATCH))));
        programmedHostDispatch = syncDispatch(table, programmedHostDispatch, renderDispatch("host endpoint",
                () -> dispatch.hostDispatchChains(programmedHosts.keySet()), List::of));
        dirty = false;
    }

    private static <T> Map<String, T> byInterface(Iterable<T> endpoints, Function<T, String> iface) {
        Map<String, T> out = new TreeMap<>();
        for (T ep : endpoints) {
            String name = iface.apply(ep);
            if (out.containsKey(name)) {
                LOG.error("Multiple endpoints with same interface name detected ({}): incorrect policy may be applied", name);
                continue;
            }
            out.put(name, ep);
        }
        return out;
    }

    /** Each endpoint's chains, or its drop-everything chains when it failed or its rendering throws. */
    private <T> Map<String, List<Chain>> render(Map<String, T> byIface, Function<T, ResourceKey> key,
                                                Function<T, List<Chain>> chains, Function<String, List<Chain>> failClosed) {
        Map<String, List<Chain>> out = new TreeMap<>();
        byIface.forEach((iface, ep) -> {
            if (failed.contains(key.apply(ep))) {
                out.put(iface, failClosed.apply(iface));
                return;
            }
            try {
                out.put(iface, chains.apply(ep));
            } catch (RuntimeException e) {
                LOG.debug("Rendering the chains of {} failed", key.apply(ep), e);
                problems.report(new DataplaneProblem.UpdateSetAside("rendering", key.apply(ep).toString(), String.valueOf(e)));
                out.put(iface, failClosed.apply(iface));
            }
        });
        return out;
    }

    private List<Chain> renderDispatch(String what, Supplier<List<Chain>> chains, Supplier<List<Chain>> failClosed) {
        try {
            return chains.get();
        } catch (RuntimeException e) {
            LOG.debug("Rendering the {} dispatch chains failed", what, e);
            problems.report(new DataplaneProblem.UpdateSetAside("rendering", what + " dispatch", String.valueOf(e)));
            return failClosed.get();
        }
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
