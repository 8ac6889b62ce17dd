package io.calicoj.calc;

import io.calicoj.model.GlobalNetworkPolicy;
import io.calicoj.model.NetworkPolicy;
import io.calicoj.model.ResourceKey;
import io.calicoj.model.felix.FelixPolicy;
import io.calicoj.model.felix.FelixProjection;
import io.calicoj.model.felix.PolicyId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * NetworkPolicy and GlobalNetworkPolicy → {@link FelixPolicy} (namespace-scoped selectors, Felix
 * names), projected once for every stage that needs it. Remembers each key's policy ID, so a
 * deletion (which carries only the key) removes the right policy.
 *
 * <p>Not thread-safe; confined to the calc thread.
 */
final class PolicyDecoder {

    private final List<PolicyListener> listeners;
    private final Map<ResourceKey, PolicyId> ids = new HashMap<>();

    PolicyDecoder(List<? extends PolicyListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    void onNetworkPolicy(NetworkPolicy policy) {
        publish(policy.key(), FelixProjection.project(policy));
    }

    void onGlobalNetworkPolicy(GlobalNetworkPolicy policy) {
        publish(policy.key(), FelixProjection.project(policy));
    }

    void onDeletion(ResourceKey key) {
        PolicyId id = ids.remove(key);
        if (id != null) {
            listeners.forEach(l -> l.onPolicyRemoved(id));
        }
    }

    private void publish(ResourceKey key, FelixPolicy policy) {
        PolicyId old = ids.put(key, policy.id());
        if (old != null && !old.equals(policy.id())) {
            listeners.forEach(l -> l.onPolicyRemoved(old));
        }
        listeners.forEach(l -> l.onPolicyUpdate(policy));
    }
}
