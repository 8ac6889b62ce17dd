package io.calicoj.dataplane.linux;

import io.calicoj.dataplane.Sleeper;
import io.calicoj.dataplane.api.ActivePolicyRemove;
import io.calicoj.dataplane.api.ActivePolicyUpdate;
import io.calicoj.dataplane.api.ActiveProfileRemove;
import io.calicoj.dataplane.api.ActiveProfileUpdate;
import io.calicoj.dataplane.api.ActiveState;
import io.calicoj.dataplane.api.ConfigUpdate;
import io.calicoj.dataplane.api.DataplaneContract;
import io.calicoj.dataplane.api.DataplaneContractException;
import io.calicoj.dataplane.api.DataplaneDriver;
import io.calicoj.dataplane.api.DataplaneProblems;
import io.calicoj.dataplane.api.DataplaneUpdate;
import io.calicoj.dataplane.api.DataplaneUpdateHandler;
import io.calicoj.dataplane.api.EndpointStatusListener;
import io.calicoj.dataplane.api.HostEndpointRemove;
import io.calicoj.dataplane.api.HostEndpointUpdate;
import io.calicoj.dataplane.api.InSync;
import io.calicoj.dataplane.api.IpSetDeltaUpdate;
import io.calicoj.dataplane.api.IpSetRemove;
import io.calicoj.dataplane.api.IpSetUpdate;
import io.calicoj.dataplane.api.WorkloadEndpointRemove;
import io.calicoj.dataplane.api.WorkloadEndpointUpdate;
import io.calicoj.dataplane.iptables.BackendDetector;
import io.calicoj.dataplane.iptables.IptablesBackend;
import io.calicoj.dataplane.iptables.Table;
import io.calicoj.dataplane.ipsets.IpSetState;
import io.calicoj.dataplane.ipsets.IpSets;
import io.calicoj.dataplane.rules.DispatchRenderer;
import io.calicoj.dataplane.rules.EndpointRenderer;
import io.calicoj.dataplane.rules.FailClosedChains;
import io.calicoj.dataplane.rules.PolicyRenderer;
import io.calicoj.dataplane.rules.StaticChains;
import io.calicoj.exec.CommandRunner;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Felix's internal Linux dataplane, a {@link DataplaneDriver}: hands {@link DataplaneUpdate} messages
 * to the policy, endpoint, IP set and interface managers, and programs the kernel in
 * {@link #apply()}, in Felix's order:
 *
 * <ol>
 *   <li>nothing at all before {@link InSync}: rules stay as they are while the datastore syncs;</li>
 *   <li>on the first apply, the iptables backend is chosen ({@code FELIX_IPTABLESBACKEND}, default
 *       auto-detection) and the static chains and kernel-chain hooks are installed;</li>
 *   <li>IP sets are created and updated ({@code ipset restore});</li>
 *   <li>policies and profiles are rendered, knowing which IP sets the kernel does not hold exactly
 *       (members it would refuse, sets it refused): their rules fail closed ({@code FailClosedRules});</li>
 *   <li>workload interfaces get their sysctls and {@code /32} routes;</li>
 *   <li>the filter table is written in one {@code iptables-restore} transaction (a chain the kernel
 *       refuses is written as a stand-in that drops everything, so the rest gets in);</li>
 *   <li>the workload endpoints now programmed are told to the {@link EndpointStatusListener};</li>
 *   <li>IP sets no longer used are destroyed, now that no rule refers to them.</li>
 * </ol>
 *
 * <p>Every message passes the {@link DataplaneContract} first. A message that breaks it, or whose
 * handling throws, is set aside: the exception goes to the caller and what the message concerns fails
 * closed until a later message replaces it (an IP set is then unknown, a policy's, profile's or
 * endpoint's chains drop everything). Problems go to {@link DataplaneProblems}. Single-threaded: the
 * caller (the agent) owns the thread, calls {@link #onUpdate} for each message and then
 * {@link #apply()}, and calls {@link #apply()} again after the duration it returns (refresh timers,
 * post-write checks, retries).
 */
public final class LinuxDataplaneDriver implements DataplaneDriver {

    private static final Logger LOG = LoggerFactory.getLogger(LinuxDataplaneDriver.class);
    static final int IP_VERSION = 4;

    private final DataplaneConfig config;
    private final CommandRunner runner;
    private final InstantSource clock;
    private final Sleeper sleeper;
    private final PolicyManager policies;
    private final EndpointManager endpoints;
    private final IpSets ipSets;
    private final InterfaceManager interfaces;
    private final StaticChains staticChains;
    private final DataplaneContract received = new DataplaneContract();
    private final Managers managers = new Managers();
    private final FailClosed failClosed = new FailClosed();
    private final DataplaneProblems problems;
    private final EndpointStatusListener status;
    private Table filter;
    private boolean inSync;
    private Map<String, IpSetState> degradedSets = Map.of();

    public LinuxDataplaneDriver(DataplaneConfig config, CommandRunner runner, InstantSource clock, Sleeper sleeper) {
        this(config, runner, clock, sleeper, DataplaneProblems.NONE, EndpointStatusListener.NONE);
    }

    /**
     * @param problems told what could not be programmed as asked (and fell back to failing closed)
     * @param status   told after each successful apply which workload endpoints are programmed
     */
    public LinuxDataplaneDriver(DataplaneConfig config, CommandRunner runner, InstantSource clock, Sleeper sleeper,
                                DataplaneProblems problems, EndpointStatusListener status) {
        this.config = Objects.requireNonNull(config, "config");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.problems = Objects.requireNonNull(problems, "problems");
        this.status = Objects.requireNonNull(status, "status");
        this.policies = new PolicyManager(new PolicyRenderer(config.rules()), IP_VERSION, received, problems);
        this.endpoints = new EndpointManager(new EndpointRenderer(config.rules()), new DispatchRenderer(), problems);
        this.ipSets = new IpSets(IP_VERSION, runner, clock, sleeper, config.ipSetOptions(), problems, true);
        this.interfaces = new InterfaceManager(runner, clock, config.rules().workloadInterfacePrefixes(),
                config.routeRefreshInterval(), config.interfacePollInterval());
        this.staticChains = new StaticChains(config.rules());
    }

    /**
     * Checks the message against the ordering contract, then hands it to the managers.
     *
     * @throws DataplaneContractException when it breaks the contract (what it concerns then fails closed)
     * @throws RuntimeException           when handling it failed (what it concerns then fails closed)
     */
    @Override
    public void onUpdate(DataplaneUpdate update) {
        try {
            received.accept(update);
            update.dispatch(managers);
        } catch (RuntimeException e) {
            update.dispatch(failClosed);
            throw e;
        }
    }

    @Override
    public boolean inSync() {
        return inSync;
    }

    @Override
    public ActiveState active() {
        return received;
    }

    /** The filter table, once the first apply after {@link InSync} created it (for tests and diagnostics). */
    public Table filterTable() {
        return filter;
    }

    public IpSets ipSets() {
        return ipSets;
    }

    /** Each message to the manager that owns its part of the kernel; the contract has been checked. */
    private final class Managers implements DataplaneUpdateHandler {

        @Override
        public void onInSync(InSync m) {
            if (!inSync) {
                LOG.info("Datastore in sync: the dataplane will now be programmed");
            }
            inSync = true;
        }

        @Override
        public void onConfigUpdate(ConfigUpdate m) {
            LOG.info("Configuration update received; the dataplane keeps the configuration it was started with");
        }

        @Override
        public void onIpSetUpdate(IpSetUpdate m) {
            ipSets.replace(m.id(), m.type(), m.members());
        }

        @Override
        public void onIpSetDeltaUpdate(IpSetDeltaUpdate m) {
            ipSets.removeMembers(m.id(), m.removed());
            ipSets.addMembers(m.id(), m.added());
        }

        @Override
        public void onIpSetRemove(IpSetRemove m) {
            ipSets.remove(m.id());
        }

        @Override
        public void onActivePolicyUpdate(ActivePolicyUpdate m) {
            policies.policyChanged(m.id());
        }

        @Override
        public void onActivePolicyRemove(ActivePolicyRemove m) {
            policies.policyChanged(m.id());
        }

        @Override
        public void onActiveProfileUpdate(ActiveProfileUpdate m) {
            policies.profileChanged(m.name());
        }

        @Override
        public void onActiveProfileRemove(ActiveProfileRemove m) {
            policies.profileChanged(m.name());
        }

        @Override
        public void onWorkloadEndpointUpdate(WorkloadEndpointUpdate m) {
            endpoints.updateWorkload(m);
            interfaces.setEndpoint(m.key(), m.interfaceName(), m.ipv4Nets());
        }

        @Override
        public void onWorkloadEndpointRemove(WorkloadEndpointRemove m) {
            endpoints.removeWorkload(m.key());
            interfaces.removeEndpoint(m.key());
        }

        @Override
        public void onHostEndpointUpdate(HostEndpointUpdate m) {
            endpoints.updateHost(m);
        }

        @Override
        public void onHostEndpointRemove(HostEndpointRemove m) {
            endpoints.removeHost(m.key());
        }
    }

    /** A message set aside: what it concerns fails closed until a later message replaces it. */
    private final class FailClosed implements DataplaneUpdateHandler {

        @Override
        public void onIpSetUpdate(IpSetUpdate m) {
            ipSets.setAside(m.id());
        }

        @Override
        public void onIpSetDeltaUpdate(IpSetDeltaUpdate m) {
            ipSets.setAside(m.id());
        }

        @Override
        public void onIpSetRemove(IpSetRemove m) {
            ipSets.setAside(m.id());
        }

        @Override
        public void onActivePolicyUpdate(ActivePolicyUpdate m) {
            policies.failPolicy(m.id());
        }

        @Override
        public void onActivePolicyRemove(ActivePolicyRemove m) {
            policies.failPolicy(m.id());
        }

        @Override
        public void onActiveProfileUpdate(ActiveProfileUpdate m) {
            policies.failProfile(m.name());
        }

        @Override
        public void onActiveProfileRemove(ActiveProfileRemove m) {
            policies.failProfile(m.name());
        }

        @Override
        public void onWorkloadEndpointUpdate(WorkloadEndpointUpdate m) {
            endpoints.failEndpoint(m.key());
        }

        @Override
        public void onWorkloadEndpointRemove(WorkloadEndpointRemove m) {
            endpoints.failEndpoint(m.key());
        }

        @Override
        public void onHostEndpointUpdate(HostEndpointUpdate m) {
            endpoints.failEndpoint(m.key());
        }

        @Override
        public void onHostEndpointRemove(HostEndpointRemove m) {
            endpoints.failEndpoint(m.key());
        }
    }

    /**
     * Programs the kernel (nothing before {@link InSync}).
     *
     * @return when to call again at the latest (refresh timers, post-write checks, missing interfaces)
     * @throws io.calicoj.dataplane.api.DataplaneProgrammingException when a kernel write kept failing
     */
    @Override
    public Duration apply() {
        if (!inSync) {
            return Table.NO_RESCHEDULE;
        }
        if (filter == null) {
            start();
        }
        Duration next = ipSets.applyUpdates();
        Map<String, IpSetState> degraded = new TreeMap<>();
        for (String id : received.ipSets().keySet()) {
            IpSetState state = ipSets.state(id);
            if (state != IpSetState.COMPLETE) {
                degraded.put(id, state);
            }
        }
        Set<String> changedSets = new TreeSet<>(degraded.keySet());
        changedSets.addAll(degradedSets.keySet());
        changedSets.removeIf(id -> degraded.get(id) == degradedSets.get(id));
        policies.ipSetStatesChanged(changedSets);
        degradedSets = degraded;
        policies.flushTo(filter, id -> degraded.getOrDefault(id, IpSetState.COMPLETE));
        endpoints.flushTo(filter);
        next = min(next, interfaces.apply());
        next = min(next, filter.apply());
        status.programmed(endpoints.flushedWorkloads());
        ipSets.applyDeletions();
        if (!ipSets.pendingDeletions().isEmpty()) {
            next = min(next, config.interfacePollInterval());
        }
        return next;
    }

    private void start() {
        IptablesBackend backend = BackendDetector.choose(runner, config.iptablesBackend());
        LOG.info("Programming the filter table with {} ({})", backend.restoreCommand(), config.iptablesBackend());
        filter = new Table("filter", backend, runner, clock, sleeper, config.tableOptions(), FailClosedChains::standIn, problems);
        filter.updateChains(staticChains.filterChains(IP_VERSION));
        filter.updateChains(staticChains.hostForwardDispatchChains());
        staticChains.filterInserts().forEach(filter::setInsertedRules);
        staticChains.filterAppends().forEach(filter::setAppendedRules);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
