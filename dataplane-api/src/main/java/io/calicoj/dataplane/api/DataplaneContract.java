package io.calicoj.dataplane.api;

import io.calicoj.model.ResourceKey;
import io.calicoj.model.felix.PolicyId;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The ordering contract of {@link DataplaneUpdate}, checked against what a dataplane has been told
 * so far. Every {@link DataplaneDriver} passes each message through {@link #accept} before acting
 * on it, so these rules are written here and nowhere else:
 *
 * <ol>
 *   <li>an IP set is sent before a policy or profile uses it;</li>
 *   <li>a delta names a set already sent, and every member sent fits its set's type;</li>
 *   <li>a policy or profile is sent before an endpoint lists it (in any of its tiers);</li>
 *   <li>removals come in the reverse order: an endpoint before the policies and profiles it lists,
 *       those before the IP sets they use; nothing is removed while something still refers to it,
 *       and nothing is removed that was not sent.</li>
 * </ol>
 *
 * <p>A refused message throws {@link DataplaneContractException} and changes nothing. References
 * are counted, so a check costs in proportion to the message, not to the state. What has been
 * accepted is readable as an {@link ActiveState}. Not thread-safe.
 */
public final class DataplaneContract implements ActiveState {

    private final Map<String, IpSetType> ipSets = new HashMap<>();
    private final Map<String, IpSetType> ipSetsView = Collections.unmodifiableMap(ipSets);
    /** How many policies and profiles use each IP set. */
    private final References<String> setUsers = new References<>();
    private final Rules<PolicyId, ParsedPolicy> policies = new Rules<>("policy", ParsedPolicy::ipSetIds);
    private final Rules<String, ActiveProfileUpdate> profiles = new Rules<>("profile", ActiveProfileUpdate::ipSetIds);
    private final Endpoints<WorkloadEndpointUpdate> workloadEndpoints = new Endpoints<>("workload endpoint",
            w -> w.tiers().stream(), WorkloadEndpointUpdate::profileIds);
    private final Endpoints<HostEndpointUpdate> hostEndpoints = new Endpoints<>("host endpoint",
            h -> Stream.of(h.tiers(), h.untrackedTiers(), h.preDnatTiers()).flatMap(List::stream),
            HostEndpointUpdate::profileIds);
    private final Checks checks = new Checks();

    /**
     * Checks the message against what was accepted before and, if it follows the rules, records it.
     *
     * @throws DataplaneContractException when it does not (nothing is recorded)
     */
    public void accept(DataplaneUpdate update) {
        update.dispatch(checks);
    }

    @Override
    public Map<String, IpSetType> ipSets() {
        return ipSetsView;
    }

    @Override
    public Map<PolicyId, ParsedPolicy> policies() {
        return policies.view;
    }

    @Override
    public Map<String, ActiveProfileUpdate> profiles() {
        return profiles.view;
    }

    @Override
    public Map<ResourceKey, WorkloadEndpointUpdate> workloadEndpoints() {
        return workloadEndpoints.view;
    }

    @Override
    public Map<ResourceKey, HostEndpointUpdate> hostEndpoints() {
        return hostEndpoints.view;
    }

    /** One method per message. */
    private final class Checks implements DataplaneUpdateHandler {

        @Override
        public void onIpSetUpdate(IpSetUpdate m) {
            requireFit(m.id(), m.type(), m.members());
            ipSets.put(m.id(), m.type());
        }

        @Override
        public void onIpSetDeltaUpdate(IpSetDeltaUpdate m) {
            IpSetType type = ipSets.get(m.id());
            if (type == null) {
                throw refused("delta to unknown IP set " + m.id());
            }
            requireFit(m.id(), type, m.added());
        }

        @Override
        public void onIpSetRemove(IpSetRemove m) {
            if (!ipSets.containsKey(m.id())) {
                throw refused("removal of unknown IP set " + m.id());
            }
            if (setUsers.has(m.id())) {
                String user = policies.userOf(m.id()).or(() -> profiles.userOf(m.id())).orElseThrow();
                throw refused("IP set " + m.id() + " removed while " + user + " uses it");
            }
            ipSets.remove(m.id());
        }

        @Override
        public void onActivePolicyUpdate(ActivePolicyUpdate m) {
            policies.update(m.id(), m.policy());
        }

        @Override
        public void onActivePolicyRemove(ActivePolicyRemove m) {
            policies.remove(m.id());
        }

        @Override
        public void onActiveProfileUpdate(ActiveProfileUpdate m) {
            profiles.update(m.name(), m);
        }

        @Override
        public void onActiveProfileRemove(ActiveProfileRemove m) {
            profiles.remove(m.name());
        }

        @Override
        public void onWorkloadEndpointUpdate(WorkloadEndpointUpdate m) {
            workloadEndpoints.update(m.key(), m);
        }

        @Override
        public void onWorkloadEndpointRemove(WorkloadEndpointRemove m) {
            workloadEndpoints.remove(m.key());
        }

        @Override
        public void onHostEndpointUpdate(HostEndpointUpdate m) {
            hostEndpoints.update(m.key(), m);
        }

        @Override
        public void onHostEndpointRemove(HostEndpointRemove m) {
            hostEndpoints.remove(m.key());
        }
    }

    private static void requireFit(String id, IpSetType type, Collection<IpSetMember> members) {
        for (IpSetMember member : members) {
            boolean fits = switch (type) {
                case IP -> member instanceof IpSetMember.Address;
                case IP_PORT -> member instanceof IpSetMember.AddressPort;
                case NET -> member instanceof IpSetMember.Network;
            };
            if (!fits) {
                throw refused("member " + member + " does not fit " + type + " IP set " + id);
            }
        }
    }

    private static DataplaneContractException refused(String what) {
        return new DataplaneContractException("DataplaneUpdate refused: " + what);
    }

    /** Active policies or profiles: each uses IP sets and is listed by endpoints. */
    private final class Rules<K, V> {
        private final String kind;
        private final Function<V, List<String>> ipSetIds;
        private final Map<K, V> byKey = new HashMap<>();
        private final Map<K, V> view = Collections.unmodifiableMap(byKey);
        /** The IP sets each uses, as counted in {@link #setUsers}. */
        private final Map<K, List<String>> setsUsed = new HashMap<>();
        /** How many endpoints list each. */
        private final References<K> listers = new References<>();

        Rules(String kind, Function<V, List<String>> ipSetIds) {
            this.kind = kind;
            this.ipSetIds = ipSetIds;
        }

        void update(K key, V rules) {
            List<String> sets = ipSetIds.apply(rules);
            for (String id : sets) {
                if (!ipSets.containsKey(id)) {
                    throw refused(kind + " " + key + " uses IP set " + id + " before it was sent");
                }
            }
            byKey.put(key, rules);
            setUsers.add(sets);
            List<String> old = setsUsed.put(key, sets);
            if (old != null) {
                setUsers.remove(old);
            }
        }

        void remove(K key) {
            if (!byKey.containsKey(key)) {
                throw refused("removal of unknown " + kind + " " + key);
            }
            if (listers.has(key)) {
                String lister = workloadEndpoints.listerOf(key).or(() -> hostEndpoints.listerOf(key)).orElseThrow();
                throw refused(kind + " " + key + " removed while an endpoint lists it (" + lister + ")");
            }
            byKey.remove(key);
            setUsers.remove(setsUsed.remove(key));
        }

        void requireSent(String endpoint, Collection<K> keys) {
            for (K key : keys) {
                if (!byKey.containsKey(key)) {
                    throw refused(endpoint + " lists " + kind + " " + key + " before it was sent");
                }
            }
        }

        /** For a refusal: one that uses the set. */
        Optional<String> userOf(String setId) {
            return setsUsed.entrySet().stream().filter(e -> e.getValue().contains(setId)).map(e -> kind + " " + e.getKey())
                    .findFirst();
        }
    }

    /** Workload or host endpoints: each lists policies (in its tiers) and profiles. */
    private final class Endpoints<V> {
        private final String kind;
        private final Function<V, Stream<TierInfo>> tiers;
        private final Function<V, List<String>> profileIds;
        private final Map<ResourceKey, V> byKey = new HashMap<>();
        private final Map<ResourceKey, V> view = Collections.unmodifiableMap(byKey);
        private final Map<ResourceKey, Listed> listedBy = new HashMap<>();

        Endpoints(String kind, Function<V, Stream<TierInfo>> tiers, Function<V, List<String>> profileIds) {
            this.kind = kind;
            this.tiers = tiers;
            this.profileIds = profileIds;
        }

        void update(ResourceKey key, V endpoint) {
            Listed listed = listed(endpoint);
            policies.requireSent(kind + " " + key, listed.policies());
            profiles.requireSent(kind + " " + key, listed.profiles());
            byKey.put(key, endpoint);
            policies.listers.add(listed.policies());
            profiles.listers.add(listed.profiles());
            Listed old = listedBy.put(key, listed);
            if (old != null) {
                release(old);
            }
        }

        void remove(ResourceKey key) {
            if (byKey.remove(key) == null) {
                throw refused("removal of unknown " + kind + " " + key);
            }
            release(listedBy.remove(key));
        }

        private void release(Listed listed) {
            policies.listers.remove(listed.policies());
            profiles.listers.remove(listed.profiles());
        }

        /** Each policy the endpoint's tiers list and each profile it lists, once. */
        private Listed listed(V endpoint) {
            Set<PolicyId> listedPolicies = new LinkedHashSet<>();
            tiers.apply(endpoint).forEach(t -> {
                listedPolicies.addAll(t.ingressPolicies());
                listedPolicies.addAll(t.egressPolicies());
            });
            return new Listed(listedPolicies, new LinkedHashSet<>(profileIds.apply(endpoint)));
        }

        /** For a refusal: an endpoint that lists the policy or profile. */
        Optional<String> listerOf(Object policyOrProfile) {
            return listedBy.entrySet().stream()
                    .filter(e -> e.getValue().policies().contains(policyOrProfile)
                            || e.getValue().profiles().contains(policyOrProfile))
                    .map(e -> kind + " " + e.getKey()).findFirst();
        }
    }

    /** What one endpoint lists, as counted in the policies' and profiles' listers. */
    private record Listed(Set<PolicyId> policies, Set<String> profiles) {
    }

    /** How many holders refer to each key. */
    private static final class References<K> {
        private final Map<K, Integer> counts = new HashMap<>();

        void add(Collection<K> keys) {
            for (K k : keys) {
                counts.merge(k, 1, Integer::sum);
            }
        }

        void remove(Collection<K> keys) {
            for (K k : keys) {
                counts.computeIfPresent(k, (key, n) -> n == 1 ? null : n - 1);
            }
        }

        boolean has(K key) {
            return counts.containsKey(key);
        }
    }
}
