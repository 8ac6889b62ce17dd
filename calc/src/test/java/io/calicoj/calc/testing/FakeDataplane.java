package io.calicoj.calc.testing;

import io.calicoj.calc.DataplaneUpdateSink;
import io.calicoj.dataplane.api.ActiveProfileUpdate;
import io.calicoj.dataplane.api.ActiveState;
import io.calicoj.dataplane.api.ConfigUpdate;
import io.calicoj.dataplane.api.DataplaneContract;
import io.calicoj.dataplane.api.DataplaneDriver;
import io.calicoj.dataplane.api.DataplaneUpdate;
import io.calicoj.dataplane.api.DataplaneUpdateHandler;
import io.calicoj.dataplane.api.HostEndpointUpdate;
import io.calicoj.dataplane.api.InSync;
import io.calicoj.dataplane.api.IpSetDeltaUpdate;
import io.calicoj.dataplane.api.IpSetMember;
import io.calicoj.dataplane.api.IpSetRemove;
import io.calicoj.dataplane.api.IpSetType;
import io.calicoj.dataplane.api.IpSetUpdate;
import io.calicoj.dataplane.api.ParsedPolicy;
import io.calicoj.dataplane.api.TierInfo;
import io.calicoj.dataplane.api.WorkloadEndpointUpdate;
import io.calicoj.model.ResourceKey;
import io.calicoj.model.felix.PolicyId;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An in-memory {@link DataplaneDriver} that keeps the model the messages describe (IP sets with
 * members, active policies and profiles, local endpoints with their tiers) and refuses what the
 * calculation graph must never send: every breach of the {@link DataplaneUpdate} ordering contract,
 * through the same {@link DataplaneContract} as the real dataplane (so with the same
 * {@link io.calicoj.dataplane.api.DataplaneContractException}), and what the graph promises beyond
 * it, with {@link IllegalStateException}: an empty batch, anything before {@link InSync} other than
 * the first batch (which must end with it), {@link InSync} twice, and deltas that are not minimal
 * (empty, a member added twice or removed while absent).
 *
 * <p>Not thread-safe.
 */
public final class FakeDataplane implements DataplaneUpdateSink, DataplaneDriver {

    private final DataplaneContract contract = new DataplaneContract();
    private final Map<String, Set<IpSetMember>> ipSets = new HashMap<>();
    private final Model model = new Model();
    private Map<String, String> config;
    private boolean inSync;
    private int batches;
    private int messages;

    /** One batch of the graph's output. */
    @Override
    public void onBatch(List<DataplaneUpdate> batch) {
        if (batch.isEmpty()) {
            throw new IllegalStateException("empty batch");
        }
        if (!inSync && !(batch.get(batch.size() - 1) instanceof InSync)) {
            throw new IllegalStateException("the first batch must end with InSync, got " + batch);
        }
        batches++;
        batch.forEach(this::onUpdate);
    }

    /** One message: the ordering contract first, then the graph's own promises. */
    @Override
    public void onUpdate(DataplaneUpdate m) {
        messages++;
        contract.accept(m);
        m.dispatch(model);
    }

    @Override
    public boolean inSync() {
        return inSync;
    }

    /** Nothing to program: there is no kernel. */
    @Override
    public Duration apply() {
        return Duration.ofHours(1);
    }

    @Override
    public ActiveState active() {
        return contract;
    }

    public int batches() {
        return batches;
    }

    /** Messages received so far. */
    public int messages() {
        return messages;
    }

    /** Every IP set and its members (copies). */
    public Map<String, Set<IpSetMember>> ipSets() {
        Map<String, Set<IpSetMember>> out = new TreeMap<>();
        ipSets.forEach((id, members) -> out.put(id, Set.copyOf(members)));
        return out;
    }

    public Optional<IpSetType> ipSetType(String id) {
        return Optional.ofNullable(contract.ipSets().get(id));
    }

    public Set<PolicyId> activePolicies() {
        return Set.copyOf(contract.policies().keySet());
    }

    public Optional<ParsedPolicy> policy(PolicyId id) {
        return Optional.ofNullable(contract.policies().get(id));
    }

    public Set<String> activeProfiles() {
        return Set.copyOf(contract.profiles().keySet());
    }

    public Optional<ActiveProfileUpdate> profile(String name) {
        return Optional.ofNullable(contract.profiles().get(name));
    }

    public Map<ResourceKey, WorkloadEndpointUpdate> workloadEndpoints() {
        return Map.copyOf(contract.workloadEndpoints());
    }

    public Map<ResourceKey, HostEndpointUpdate> hostEndpoints() {
        return Map.copyOf(contract.hostEndpoints());
    }

    /** Per endpoint (workload or host), its normal tiers. */
    public Map<ResourceKey, List<TierInfo>> endpointTiers() {
        Map<ResourceKey, List<TierInfo>> out = new HashMap<>();
        contract.workloadEndpoints().forEach((k, e) -> out.put(k, e.tiers()));
        contract.hostEndpoints().forEach((k, e) -> out.put(k, e.tiers()));
        return out;
    }

    /** The last config received, if any. */
    public Optional<Map<String, String>> config() {
        return Optional.ofNullable(config);
    }

    /** No IP sets, policies, profiles or endpoints. */
    public boolean isEmpty() {
        return contract.ipSets().isEmpty() && contract.policies().isEmpty() && contract.profiles().isEmpty()
                && contract.workloadEndpoints().isEmpty() && contract.hostEndpoints().isEmpty();
    }

    private static IllegalStateException violation(String what) {
        return new IllegalStateException("dataplane protocol violation: " + what);
    }

    /** What the contract does not keep: in-sync, config and members, with the graph's promises about them. */
    private final class Model implements DataplaneUpdateHandler {
        @Override
        public void onInSync(InSync m) {
            if (inSync) {
                throw violation("InSync sent twice");
            }
            inSync = true;
        }

        @Override
        public void onConfigUpdate(ConfigUpdate m) {
            config = m.config();
        }

        @Override
        public void onIpSetUpdate(IpSetUpdate m) {
            ipSets.put(m.id(), new HashSet<>(m.members()));
        }

        @Override
        public void onIpSetDeltaUpdate(IpSetDeltaUpdate m) {
            Set<IpSetMember> members = ipSets.get(m.id());
            if (m.added().isEmpty() && m.removed().isEmpty()) {
                throw violation("empty delta to IP set " + m.id());
            }
            for (IpSetMember r : m.removed()) {
                if (!members.contains(r)) {
                    throw violation("removal of absent member " + r + " from " + m.id());
                }
            }
            for (IpSetMember a : m.added()) {
                if (members.contains(a)) {
                    throw violation("duplicate add of member " + a + " to " + m.id());
                }
            }
            members.removeAll(m.removed());
            members.addAll(m.added());
        }

        @Override
        public void onIpSetRemove(IpSetRemove m) {
            ipSets.remove(m.id());
        }
    }
}
