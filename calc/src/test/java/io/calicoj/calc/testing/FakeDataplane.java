package io.calicoj.calc.testing;

import io.calicoj.calc.DataplaneUpdateSink;
import io.calicoj.dataplane.api.ActivePolicyRemove;
import io.calicoj.dataplane.api.ActivePolicyUpdate;
import io.calicoj.dataplane.api.ActiveProfileRemove;
import io.calicoj.dataplane.api.ActiveProfileUpdate;
import io.calicoj.dataplane.api.ConfigUpdate;
import io.calicoj.dataplane.api.DataplaneUpdate;
import io.calicoj.dataplane.api.DataplaneUpdateHandler;
import io.calicoj.dataplane.api.HostEndpointRemove;
import io.calicoj.dataplane.api.HostEndpointUpdate;
import io.calicoj.dataplane.api.InSync;
import io.calicoj.dataplane.api.IpSetDeltaUpdate;
import io.calicoj.dataplane.api.IpSetMember;
import io.calicoj.dataplane.api.IpSetRemove;
import io.calicoj.dataplane.api.IpSetType;
import io.calicoj.dataplane.api.IpSetUpdate;
import io.calicoj.dataplane.api.ParsedPolicy;
import io.calicoj.dataplane.api.TierInfo;
import io.calicoj.dataplane.api.WorkloadEndpointRemove;
import io.calicoj.dataplane.api.WorkloadEndpointUpdate;
import io.calicoj.model.ResourceKey;
import io.calicoj.model.felix.PolicyId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * An in-memory dataplane that keeps the model the messages describe (IP sets with members,
 * active policies and profiles, local endpoints with their tiers) and throws
 * {@link IllegalStateException} on any breach of the {@link DataplaneUpdate} ordering contract:
 * a delta to an unknown set, a member added twice or removed while absent, a policy or profile
 * or set referenced before it was sent, a set removed while an active policy or profile uses
 * it, a policy or profile removed while an endpoint lists it, removal of something never sent,
 * and anything before {@link InSync} other than the first batch (which must end with it).
 *
 * <p>Not thread-safe.
 */
public final class FakeDataplane implements DataplaneUpdateSink {

    private final Map<String, IpSetType> ipSetTypes = new HashMap<>();
    private final Map<String, Set<IpSetMember>> ipSets = new HashMap<>();
    private final Map<PolicyId, ParsedPolicy> policies = new HashMap<>();
    private final Map<String, ActiveProfileUpdate> profiles = new HashMap<>();
    private final Map<ResourceKey, WorkloadEndpointUpdate> workloadEndpoints = new HashMap<>();
    private final Map<ResourceKey, HostEndpointUpdate> hostEndpoints = new HashMap<>();
    private final Handler handler = new Handler();
    private Map<String, String> config;
    private boolean inSync;
    private int batches;
    private int messages;

    @Override
    public void onBatch(List<DataplaneUpdate> batch) {
        if (batch.isEmpty()) {
            throw new IllegalStateException("empty batch");
        }
        if (!inSync && !(batch.get(batch.size() - 1) instanceof InSync)) {
            throw new IllegalStateException("the first batch must end with InSync, got " + batch);
        }
        batches++;
        for (DataplaneUpdate m : batch) {
            messages++;
            m.dispatch(handler);
        }
    }

    public boolean inSync() {
        return inSync;
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
        return Optional.ofNullable(ipSetTypes.get(id));
    }

    public Set<PolicyId> activePolicies() {
        return Set.copyOf(policies.keySet());
    }

    public Optional<ParsedPolicy> policy(PolicyId id) {
        return Optional.ofNullable(policies.get(id));
    }

    public Set<String> activeProfiles() {
        return Set.copyOf(profiles.keySet());
    }

    public Optional<ActiveProfileUpdate> profile(String name) {
        return Optional.ofNullable(profiles.get(name));
    }

    public Map<ResourceKey, WorkloadEndpointUpdate> workloadEndpoints() {
        return Map.copyOf(workloadEndpoints);
    }

    public Map<ResourceKey, HostEndpointUpdate> hostEndpoints() {
        return Map.copyOf(hostEndpoints);
    }

    /** Per endpoint (workload or host), its normal tiers. */
    public Map<ResourceKey, List<TierInfo>> endpointTiers() {
        Map<ResourceKey, List<TierInfo>> out = new HashMap<>();
        workloadEndpoints.forEach((k, e) -> out.put(k, e.tiers()));
        hostEndpoints.forEach((k, e) -> out.put(k, e.tiers()));
        return out;
    }

    /** The last config received, if any. */
    public Optional<Map<String, String>> config() {
        return Optional.ofNullable(config);
    }

    /** No IP sets, policies, profiles or endpoints. */
    public boolean isEmpty() {
        return ipSets.isEmpty() && policies.isEmpty() && profiles.isEmpty() && workloadEndpoints.isEmpty()
                && hostEndpoints.isEmpty();
    }

    private static IllegalStateException violation(String what) {
        return new IllegalStateException("dataplane protocol violation: " + what);
    }

    private void requireSets(String user, List<String> ids) {
        for (String id : ids) {
            if (!ipSets.containsKey(id)) {
                throw violation(user + " uses IP set " + id + " before it was sent");
            }
        }
    }

    private void requireTiers(ResourceKey endpoint, List<TierInfo> tiers) {
        for (TierInfo t : tiers) {
            Stream.concat(t.ingressPolicies().stream(), t.egressPolicies().stream()).forEach(p -> {
                if (!policies.containsKey(p)) {
                    throw violation(endpoint + " lists policy " + p + " before it was sent");
                }
            });
        }
    }

    private void requireProfiles(ResourceKey endpoint, List<String> names) {
        for (String name : names) {
            if (!profiles.containsKey(name)) {
                throw violation(endpoint + " lists profile " + name + " before it was sent");
            }
        }
    }

    private boolean endpointUses(PolicyId id) {
        List<TierInfo> all = new ArrayList<>();
        workloadEndpoints.values().forEach(e -> all.addAll(e.tiers()));
        hostEndpoints.values().forEach(e -> {
            all.addAll(e.tiers());
            all.addAll(e.untrackedTiers());
            all.addAll(e.preDnatTiers());
        });
        return all.stream().anyMatch(t -> t.ingressPolicies().contains(id) || t.egressPolicies().contains(id));
    }

    private boolean endpointUses(String profile) {
        return workloadEndpoints.values().stream().anyMatch(e -> e.profileIds().contains(profile))
                || hostEndpoints.values().stream().anyMatch(e -> e.profileIds().contains(profile));
    }

    /** Applies one message, checking it against the model. */
    private final class Handler implements DataplaneUpdateHandler {
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
            for (IpSetMember member : m.members()) {
                checkMemberType(m.id(), m.type(), member);
            }
            ipSetTypes.put(m.id(), m.type());
            ipSets.put(m.id(), new HashSet<>(m.members()));
        }

        @Override
        public void onIpSetDeltaUpdate(IpSetDeltaUpdate m) {
            Set<IpSetMember> members = ipSets.get(m.id());
            if (members == null) {
                throw violation("delta to unknown IP set " + m.id());
            }
            if (m.added().isEmpty() && m.removed().isEmpty()) {
                throw violation("empty delta to IP set " + m.id());
            }
            for (IpSetMember r : m.removed()) {
                if (!members.remove(r)) {
                    throw violation("removal of absent member " + r + " from " + m.id());
                }
            }
            for (IpSetMember a : m.added()) {
                checkMemberType(m.id(), ipSetTypes.get(m.id()), a);
                if (!members.add(a)) {
                    throw violation("duplicate add of member " + a + " to " + m.id());
                }
            }
        }

        @Override
        public void onIpSetRemove(IpSetRemove m) {
            if (!ipSets.containsKey(m.id())) {
                throw violation("removal of unknown IP set " + m.id());
            }
            policies.forEach((id, p) -> {
                if (p.ipSetIds().contains(m.id())) {
                    throw violation("IP set " + m.id() + " removed while policy " + id + " uses it");
                }
            });
            profiles.forEach((name, p) -> {
                if (p.ipSetIds().contains(m.id())) {
                    throw violation("IP set " + m.id() + " removed while profile " + name + " uses it");
                }
            });
            ipSets.remove(m.id());
            ipSetTypes.remove(m.id());
        }

        @Override
        public void onActivePolicyUpdate(ActivePolicyUpdate m) {
            requireSets("policy " + m.id(), m.policy().ipSetIds());
            policies.put(m.id(), m.policy());
        }

        @Override
        public void onActivePolicyRemove(ActivePolicyRemove m) {
            if (!policies.containsKey(m.id())) {
                throw violation("removal of unknown policy " + m.id());
            }
            if (endpointUses(m.id())) {
                throw violation("policy " + m.id() + " removed while an endpoint lists it");
            }
            policies.remove(m.id());
        }

        @Override
        public void onActiveProfileUpdate(ActiveProfileUpdate m) {
            requireSets("profile " + m.name(), m.ipSetIds());
            profiles.put(m.name(), m);
        }

        @Override
        public void onActiveProfileRemove(ActiveProfileRemove m) {
            if (!profiles.containsKey(m.name())) {
                throw violation("removal of unknown profile " + m.name());
            }
            if (endpointUses(m.name())) {
                throw violation("profile " + m.name() + " removed while an endpoint lists it");
            }
            profiles.remove(m.name());
        }

        @Override
        public void onWorkloadEndpointUpdate(WorkloadEndpointUpdate m) {
            requireTiers(m.key(), m.tiers());
            requireProfiles(m.key(), m.profileIds());
            workloadEndpoints.put(m.key(), m);
        }

        @Override
        public void onWorkloadEndpointRemove(WorkloadEndpointRemove m) {
            if (workloadEndpoints.remove(m.key()) == null) {
                throw violation("removal of unknown workload endpoint " + m.key());
            }
        }

        @Override
        public void onHostEndpointUpdate(HostEndpointUpdate m) {
            requireTiers(m.key(), m.tiers());
            requireTiers(m.key(), m.untrackedTiers());
            requireTiers(m.key(), m.preDnatTiers());
            requireProfiles(m.key(), m.profileIds());
            hostEndpoints.put(m.key(), m);
        }

        @Override
        public void onHostEndpointRemove(HostEndpointRemove m) {
            if (hostEndpoints.remove(m.key()) == null) {
                throw violation("removal of unknown host endpoint " + m.key());
            }
        }

        private void checkMemberType(String id, IpSetType type, IpSetMember member) {
            boolean ok = switch (type) {
                case IP -> member instanceof IpSetMember.Address;
                case IP_PORT -> member instanceof IpSetMember.AddressPort;
                case NET -> member instanceof IpSetMember.Network;
            };
            if (!ok) {
                throw violation("member " + member + " does not fit " + type + " set " + id);
            }
        }
    }
}
