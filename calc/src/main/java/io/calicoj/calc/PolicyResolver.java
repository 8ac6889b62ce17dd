package io.calicoj.calc;

import io.calicoj.dataplane.api.TierInfo;
import io.calicoj.model.PolicyType;
import io.calicoj.model.ResourceKey;
import io.calicoj.model.felix.FelixPolicy;
import io.calicoj.model.felix.PolicyId;
import io.calicoj.model.felix.PolicyOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Per local endpoint, the policies that select it in Felix's order ({@link PolicyOrder}), as
 * {@link TierInfo}s per tier and direction (Felix's {@code PolicyResolver} and
 * {@code PolicySorter}). A workload endpoint gets the normal policies; a host endpoint also
 * gets its doNotTrack and preDNAT policies in separate lists.
 *
 * <p>Changes only mark endpoints dirty; {@link #flush()} recomputes just those, and the graph
 * calls it only once in sync, so a start-up burst is resolved once per endpoint. A policy change
 * dirties its endpoints only when something its order or placement depends on changed.
 *
 * <p>Not thread-safe; confined to the calc thread.
 */
final class PolicyResolver implements PolicyListener, PolicyMatchListener, EndpointListener {

    private final EndpointPolicyListener out;
    private final Map<PolicyId, FelixPolicy> policies = new HashMap<>();
    private final Map<ResourceKey, EndpointData> endpoints = new HashMap<>();
    private final Map<ResourceKey, Set<PolicyId>> policiesByEndpoint = new HashMap<>();
    private final Map<PolicyId, Set<ResourceKey>> endpointsByPolicy = new HashMap<>();
    private final Set<ResourceKey> dirty = new LinkedHashSet<>();

    PolicyResolver(EndpointPolicyListener out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void onPolicyUpdate(FelixPolicy policy) {
        FelixPolicy old = policies.put(policy.id(), policy);
        if (old == null || !sameOrderAndPlacement(old, policy)) {
            dirty.addAll(endpointsByPolicy.getOrDefault(policy.id(), Set.of()));
        }
    }

    @Override
    public void onPolicyRemoved(PolicyId id) {
        if (policies.remove(id) != null) {
            dirty.addAll(endpointsByPolicy.getOrDefault(id, Set.of()));
        }
    }

    @Override
    public void onPolicyMatchStarted(PolicyId policy, ResourceKey endpoint) {
        policiesByEndpoint.computeIfAbsent(endpoint, k -> new HashSet<>()).add(policy);
        endpointsByPolicy.computeIfAbsent(policy, k -> new HashSet<>()).add(endpoint);
        dirty.add(endpoint);
    }

    @Override
    public void onPolicyMatchStopped(PolicyId policy, ResourceKey endpoint) {
        remove(policiesByEndpoint, endpoint, policy);
        remove(endpointsByPolicy, policy, endpoint);
        dirty.add(endpoint);
    }

    @Override
    public void onEndpointUpdate(EndpointData endpoint) {
        endpoints.put(endpoint.key(), endpoint);
        dirty.add(endpoint.key());
    }

    @Override
    public void onEndpointRemoved(ResourceKey key) {
        if (endpoints.remove(key) != null) {
            dirty.add(key);
        }
    }

    /** Sends the endpoints that changed since the last flush. */
    void flush() {
        for (ResourceKey key : dirty) {
            EndpointData endpoint = endpoints.get(key);
            if (endpoint == null) {
                out.onEndpointPolicyRemoved(key);
            } else {
                out.onEndpointPolicyUpdate(endpoint, resolve(endpoint));
            }
        }
        dirty.clear();
    }

    private EndpointPolicies resolve(EndpointData endpoint) {
        List<FelixPolicy> normal = new ArrayList<>();
        List<FelixPolicy> untracked = new ArrayList<>();
        List<FelixPolicy> preDnat = new ArrayList<>();
        for (PolicyId id : policiesByEndpoint.getOrDefault(endpoint.key(), Set.of())) {
            FelixPolicy p = policies.get(id);
            if (p == null) {
                throw new IllegalStateException("policy " + id + " selects " + endpoint.key() + " but is not known");
            }
            if (p.doNotTrack()) {
                untracked.add(p);
            } else if (p.preDnat()) {
                preDnat.add(p);
            } else {
                normal.add(p);
            }
        }
        if (!endpoint.isHostEndpoint()) {
            return new EndpointPolicies(tiers(normal), List.of(), List.of());
        }
        return new EndpointPolicies(tiers(normal), tiers(untracked), tiers(preDnat));
    }

    /** Sorted, grouped by tier (tiers by name), split by direction; tiers with no policy left out. */
    static List<TierInfo> tiers(List<FelixPolicy> policies) {
        policies.sort(PolicyOrder.COMPARATOR);
        Map<String, List<List<PolicyId>>> byTier = new TreeMap<>();
        for (FelixPolicy p : policies) {
            List<List<PolicyId>> lists = byTier.computeIfAbsent(p.id().tier(),
                    t -> List.of(new ArrayList<>(), new ArrayList<>()));
            if (p.governs(PolicyType.INGRESS)) {
                lists.get(0).add(p.id());
            }
            if (p.governs(PolicyType.EGRESS)) {
                lists.get(1).add(p.id());
            }
        }
        List<TierInfo> out = new ArrayList<>();
        byTier.forEach((tier, lists) -> {
            if (!lists.get(0).isEmpty() || !lists.get(1).isEmpty()) {
                out.add(new TierInfo(tier, lists.get(0), lists.get(1)));
            }
        });
        return out;
    }

    private static boolean sameOrderAndPlacement(FelixPolicy a, FelixPolicy b) {
        return Objects.equals(a.order(), b.order()) && a.types().equals(b.types())
                && a.doNotTrack() == b.doNotTrack() && a.preDnat() == b.preDnat();
    }

    private static <K, V> void remove(Map<K, Set<V>> map, K key, V value) {
        Set<V> values = map.get(key);
        if (values != null && values.remove(value) && values.isEmpty()) {
            map.remove(key);
        }
    }
}
