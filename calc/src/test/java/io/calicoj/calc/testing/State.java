package io.calicoj.calc.testing;

import io.calicoj.dataplane.api.IpSetMember;
import io.calicoj.dataplane.api.TierInfo;
import io.calicoj.datastore.Deletion;
import io.calicoj.datastore.Update;
import io.calicoj.datastore.Upsert;
import io.calicoj.model.PolicySpec;
import io.calicoj.model.Resource;
import io.calicoj.model.ResourceKey;
import io.calicoj.model.felix.PolicyId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A datastore state and the dataplane state the graph must produce for it (Felix's
 * {@code State}): the updates that build it, in injection order (only a squashed state holds
 * deletions), and the expected IP sets with members, active policies, active profiles and, per
 * local endpoint, its tiers. Built by chaining {@code with…} calls, each returning a copy.
 */
public record State(String name, List<Update> updates, Map<String, Set<IpSetMember>> ipSets,
                    Set<PolicyId> policies, Set<String> profiles, Map<ResourceKey, List<TierInfo>> endpoints) {

    public static final State EMPTY = new State("empty", List.of(), Map.of(), Set.of(), Set.of(), Map.of());

    public State {
        Objects.requireNonNull(name, "name");
        updates = List.copyOf(updates);
        ipSets = Map.copyOf(ipSets);
        policies = Set.copyOf(policies);
        profiles = Set.copyOf(profiles);
        endpoints = Map.copyOf(endpoints);
    }

    public State withName(String newName) {
        return new State(newName, updates, ipSets, policies, profiles, endpoints);
    }

    /** This state with these resources created or replaced (a replaced one moves to the end). */
    public State withResources(Resource... resources) {
        Map<ResourceKey, Update> byKey = new LinkedHashMap<>();
        for (Update u : updates) {
            byKey.put(u.key(), u);
        }
        for (Resource r : resources) {
            byKey.remove(r.key());
            byKey.put(r.key(), Upsert.of(r));
        }
        return withUpdates(new ArrayList<>(byKey.values()));
    }

    /** This state without these resources. */
    public State without(ResourceKey... keys) {
        List<ResourceKey> gone = List.of(keys);
        return withUpdates(updates.stream().filter(u -> !gone.contains(u.key())).toList());
    }

    public State withUpdates(List<Update> newUpdates) {
        return new State(name, newUpdates, ipSets, policies, profiles, endpoints);
    }

    public State withIpSet(String id, IpSetMember... members) {
        Map<String, Set<IpSetMember>> sets = new HashMap<>(ipSets);
        sets.put(id, Set.of(members));
        return new State(name, updates, sets, policies, profiles, endpoints);
    }

    public State withoutIpSet(String id) {
        Map<String, Set<IpSetMember>> sets = new HashMap<>(ipSets);
        sets.remove(id);
        return new State(name, updates, sets, policies, profiles, endpoints);
    }

    public State withActivePolicies(PolicyId... ids) {
        return new State(name, updates, ipSets, Set.of(ids), profiles, endpoints);
    }

    public State withActiveProfiles(String... names) {
        return new State(name, updates, ipSets, policies, Set.of(names), endpoints);
    }

    /** Expects a local endpoint with these policies (default tier) per direction; none means no tier. */
    public State withEndpoint(ResourceKey key, List<PolicyId> ingress, List<PolicyId> egress) {
        List<TierInfo> tiers = ingress.isEmpty() && egress.isEmpty() ? List.of()
                : List.of(new TierInfo(PolicySpec.DEFAULT_TIER, ingress, egress));
        Map<ResourceKey, List<TierInfo>> eps = new HashMap<>(endpoints);
        eps.put(key, tiers);
        return new State(name, updates, ipSets, policies, profiles, eps);
    }

    public State withoutEndpoint(ResourceKey key) {
        Map<ResourceKey, List<TierInfo>> eps = new HashMap<>(endpoints);
        eps.remove(key);
        return new State(name, updates, ipSets, policies, profiles, eps);
    }

    /** The datastore contents the updates leave, in key order. */
    public Map<ResourceKey, Resource> datastore() {
        Map<ResourceKey, Resource> store = new TreeMap<>();
        for (Update u : updates) {
            if (u instanceof Upsert up) {
                store.put(u.key(), up.value());
            } else {
                store.remove(u.key());
            }
        }
        return store;
    }

    /**
     * The updates that take a datastore from {@code previous} to this state: deletions of what
     * this state no longer mentions, then this state's updates in order, skipping those that
     * would change nothing.
     */
    public List<Update> deltasFrom(State previous) {
        Map<ResourceKey, Resource> store = new HashMap<>(previous.datastore());
        Map<ResourceKey, Resource> target = datastore();
        Set<ResourceKey> mentioned = new HashSet<>();
        updates.forEach(u -> mentioned.add(u.key()));
        List<Update> out = new ArrayList<>();
        for (ResourceKey key : new TreeMap<>(previous.datastore()).keySet()) {
            if (!target.containsKey(key) && !mentioned.contains(key)) {
                out.add(new Deletion(key));
                store.remove(key);
            }
        }
        for (Update u : updates) {
            if (u instanceof Upsert up) {
                if (!up.value().equals(store.get(u.key()))) {
                    out.add(u);
                    store.put(u.key(), up.value());
                }
            } else if (store.remove(u.key()) != null) {
                out.add(u);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return name;
    }
}
