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
import io.calicoj.dataplane.api.DataplaneUpdate;
import io.calicoj.dataplane.api.DataplaneUpdateHandler;
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
import io.calicoj.dataplane.ipsets.IpSets;
import io.calicoj.dataplane.rules.DispatchRenderer;
import io.calicoj.dataplane.rules.EndpointRenderer;
import io.calicoj.dataplane.rules.PolicyRenderer;
import io.calicoj.dataplane.rules.StaticChains;
import io.calicoj.exec.CommandRunner;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
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
 *   <li>workload interfaces get their sysctls and {@code /32} routes;</li>
 *   <li>the filter table is written in one {@code iptables-restore} transaction;</li>
 *   <li>IP sets no longer used are destroyed, now that no rule refers to them.</li>
 * </ol>
 *
 * <p>Every message passes the {@link DataplaneContract} first; a violation throws
 * {@link DataplaneContractException} and reaches no manager. Single-threaded: the caller (the agent)
 * owns the thread, calls {@link #onUpdate} for each message and then {@link #apply()}, and calls
 * {@link #apply()} again after the duration it returns (refresh timers, post-write checks, retries).
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
    private Table filter;
    private boolean inSync;

    public LinuxDataplaneDriver(DataplaneConfig config, CommandRunner runner, InstantSource clock, Sleeper sleeper) {
        this.config = Objects.requireNonNull(config, "config");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.policies = new PolicyManager(new PolicyRenderer(config.rules()), IP_VERSION);
        this.endpoints = new EndpointManager(new EndpointRenderer(config.rules()), new DispatchRenderer());
        this.ipSets = new IpSets(IP_VERSION, runner, clock, sleeper, config.ipSetOptions());
        this.interfaces = new InterfaceManager(runner, clock, config.rules().workloadInterfacePrefixes(),
                config.routeRefreshInterval(), config.interfacePollInterval());
        this.staticChains = new StaticChains(config.rules());
    }

    /**
     * Checks the message against the ordering contract, then hands it to the managers.
     *
     * @throws DataplaneContractException when it breaks the contract (nothing changes)
     */
    @Override
    public void onUpdate(DataplaneUpdate update) {
        received.accept(update);
        update.dispatch(managers);
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
            policies.updatePolicy(m.id(), m.policy());
        }

        @Override
        public void onActivePolicyRemove(ActivePolicyRemove m) {
            policies.removePolicy(m.id());
        }

        @Override
        public void onActiveProfileUpdate(ActiveProfileUpdate m) {
            policies.updateProfile(m);
        }

        @Override
        public void onActiveProfileRemove(ActiveProfileRemove m) {
            policies.removeProfile(m.name());
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
        policies.flushTo(filter);
        endpoints.flushTo(filter);
        Duration next = ipSets.applyUpdates();
        next = min(next, interfaces.apply());
        next = min(next, filter.apply());
        ipSets.applyDeletions();
        if (!ipSets.pendingDeletions().isEmpty()) {
            next = min(next, config.interfacePollInterval());
        }
        return next;
    }

    private void start() {
        IptablesBackend backend = BackendDetector.choose(runner, config.iptablesBackend());
        LOG.info("Programming the filter table with {} ({})", backend.restoreCommand(), config.iptablesBackend());
        filter = new Table("filter", backend, runner, clock, sleeper, config.tableOptions());
        filter.updateChains(staticChains.filterChains(IP_VERSION));
        filter.updateChains(staticChains.hostForwardDispatchChains());
        staticChains.filterInserts().forEach(filter::setInsertedRules);
        staticChains.filterAppends().forEach(filter::setAppendedRules);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
