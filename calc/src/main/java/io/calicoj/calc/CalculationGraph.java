package io.calicoj.calc;

import io.calicoj.dataplane.api.DataplaneUpdate;
import io.calicoj.datastore.SyncStatus;
import io.calicoj.datastore.SyncerListener;
import io.calicoj.datastore.Update;
import io.calicoj.model.FelixConfiguration;
import io.calicoj.model.GlobalNetworkPolicy;
import io.calicoj.model.HostEndpoint;
import io.calicoj.model.NetworkPolicy;
import io.calicoj.model.Profile;
import io.calicoj.model.ResourceKind;
import io.calicoj.model.WorkloadEndpoint;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Felix's calculation graph: the datastore's view of the cluster in, exactly the dataplane state
 * this node needs out, as {@link DataplaneUpdate} messages, computed incrementally so that a
 * change costs in proportion to what it affects. Built by {@link #create}, the one place where
 * the stages are wired (the counterpart of Felix's {@code calc_graph.go}):
 *
 * <pre>
 *  onUpdates(updates)
 *      |
 *  ValidationFilter         invalid value -&gt; deletion (WARN once per key)
 *      |
 *  Dispatcher               by kind; Node and IPPool are not used
 *      +-- WorkloadEndpoint, HostEndpoint --&gt; EndpointDecoder (drops pcns./pcsa. pod labels)
 *      |        +-- all endpoints -------------------------------------&gt; IpSetMemberIndex
 *      |        +-- LocalEndpointFilter (node == hostname)
 *      |                 +-- local endpoints --&gt; ActiveRulesCalculator, PolicyResolver
 *      +-- Profile --------------------------&gt; ProfileDecoder
 *      |        +-- labelsToApply ---------------------------------------&gt; IpSetMemberIndex
 *      |        +-- rules, labelsToApply --&gt; ActiveRulesCalculator
 *      +-- (Global)NetworkPolicy ------------&gt; PolicyDecoder (FelixProjection)
 *      |        +-- selectors, rules ------&gt; ActiveRulesCalculator
 *      |        +-- order, types, flags ---&gt; PolicyResolver
 *      +-- FelixConfiguration ---------------&gt; ConfigBatcher (default + node.&lt;hostname&gt;) --&gt; EventSequencer
 *
 *  ActiveRulesCalculator    [own LabelInheritanceIndex: policy selectors x local endpoints]
 *      +-- (policy, local endpoint) matches --------------------------&gt; PolicyResolver
 *      +-- active policies and profiles (missing profile: deny-all) --&gt; RuleScanner
 *  RuleScanner
 *      +-- IP sets in use (reference counted, shared by identical selectors) --&gt; IpSetMemberIndex
 *      +-- ParsedPolicy and profile rules (selectors now IP set IDs) ----------&gt; EventSequencer
 *  IpSetMemberIndex         [own LabelInheritanceIndex: IP set selectors x all endpoints]
 *      +-- sets added/removed, members added/removed (reference counted) -----&gt; EventSequencer
 *  PolicyResolver           (on flush, once in sync)
 *      +-- local endpoint with its ordered TierInfos -------------------------&gt; EventSequencer
 *  EventSequencer           (on flush) config; IP sets; member deltas; policies; profiles; endpoints;
 *      |                    endpoint, profile, policy, IP set removals; InSync the first time
 *      +-- one batch --&gt; DataplaneUpdateSink
 * </pre>
 *
 * <p>Nothing is emitted before the syncer reports {@link SyncStatus#IN_SYNC}; the caller then
 * decides when to {@link #flush()}, and each flush emits everything since the previous one as
 * one coalesced batch, the first ending with {@link io.calicoj.dataplane.api.InSync}.
 *
 * <p>Not thread-safe: every method must be called from one thread (the calc thread), which also
 * runs the sink. No locks; every message is an immutable record.
 */
public final class CalculationGraph implements SyncerListener {

    private static final Logger log = LoggerFactory.getLogger(CalculationGraph.class);

    private final UpdateHandler input;
    private final ActiveRulesCalculator activeRules;
    private final PolicyResolver policyResolver;
    private final ConfigBatcher configBatcher;
    private final EventSequencer sequencer;
    private final DataplaneUpdateSink sink;
    private boolean inSync;
    private boolean inSyncSent;

    private CalculationGraph(UpdateHandler input, ActiveRulesCalculator activeRules, PolicyResolver policyResolver,
                             ConfigBatcher configBatcher, EventSequencer sequencer, DataplaneUpdateSink sink) {
        this.input = input;
        this.activeRules = activeRules;
        this.policyResolver = policyResolver;
        this.configBatcher = configBatcher;
        this.sequencer = sequencer;
        this.sink = sink;
    }

    /**
     * Builds the graph for one node.
     *
     * @param hostname this node's name ({@code FELIX_FELIXHOSTNAME}, by default the host name):
     *                 endpoints whose {@code node} equals it are local
     * @param sink     receives one batch per {@link #flush()}
     */
    public static CalculationGraph create(String hostname, DataplaneUpdateSink sink) {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(sink, "sink");
        // Output end first: every stage gets its listeners in its constructor.
        EventSequencer sequencer = new EventSequencer();
        ConfigBatcher configBatcher = new ConfigBatcher(hostname, sequencer);
        IpSetMemberIndex ipSetMembers = new IpSetMemberIndex(sequencer);
        RuleScanner ruleScanner = new RuleScanner(ipSetMembers, sequencer);
        PolicyResolver policyResolver = new PolicyResolver(sequencer);
        ActiveRulesCalculator activeRules = new ActiveRulesCalculator(ruleScanner, policyResolver);
        LocalEndpointFilter localEndpoints = new LocalEndpointFilter(hostname, List.of(activeRules, policyResolver));
        EndpointDecoder endpoints = new EndpointDecoder(List.of(ipSetMembers, localEndpoints));
        ProfileDecoder profiles = new ProfileDecoder(List.of(ipSetMembers, activeRules));
        PolicyDecoder policies = new PolicyDecoder(List.of(activeRules, policyResolver));

        Dispatcher dispatcher = Dispatcher.builder()
                .on(ResourceKind.WORKLOAD_ENDPOINT, WorkloadEndpoint.class, endpoints::onWorkloadEndpoint,
                        endpoints::onDeletion)
                .on(ResourceKind.HOST_ENDPOINT, HostEndpoint.class, endpoints::onHostEndpoint, endpoints::onDeletion)
                .on(ResourceKind.PROFILE, Profile.class, profiles::onProfile, profiles::onDeletion)
                .on(ResourceKind.NETWORK_POLICY, NetworkPolicy.class, policies::onNetworkPolicy, policies::onDeletion)
                .on(ResourceKind.GLOBAL_NETWORK_POLICY, GlobalNetworkPolicy.class, policies::onGlobalNetworkPolicy,
                        policies::onDeletion)
                .on(ResourceKind.FELIX_CONFIGURATION, FelixConfiguration.class, configBatcher::onFelixConfiguration,
                        configBatcher::onDeletion)
                .build();
        ValidationFilter validation = new ValidationFilter(dispatcher);
        return new CalculationGraph(validation, activeRules, policyResolver, configBatcher, sequencer, sink);
    }

    @Override
    public void onUpdates(List<Update> updates) {
        for (Update u : updates) {
            input.onUpdate(u);
        }
    }

    /** Only the first {@link SyncStatus#IN_SYNC} matters: after it, output flows on every flush. */
    @Override
    public void onStatusUpdated(SyncStatus status) {
        if (status != SyncStatus.IN_SYNC || inSync) {
            return;
        }
        log.info("Datastore in sync; the next flush sends the complete state");
        inSync = true;
        activeRules.onInSync();
        configBatcher.onInSync();
    }

    /**
     * Sends everything that changed since the last flush as one batch (nothing before in sync,
     * and nothing when nothing changed).
     */
    public void flush() {
        if (!inSync) {
            return;
        }
        policyResolver.flush();
        boolean first = !inSyncSent;
        if (!first && sequencer.isEmpty()) {
            return;
        }
        List<DataplaneUpdate> batch = sequencer.flush(first);
        inSyncSent = true;
        if (first) {
            log.info("Sending the in-sync batch: {} messages", batch.size());
        }
        sink.onBatch(batch);
    }
}
