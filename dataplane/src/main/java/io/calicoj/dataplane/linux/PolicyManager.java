package io.calicoj.dataplane.linux;

import io.calicoj.dataplane.api.ActiveProfileUpdate;
import io.calicoj.dataplane.api.ParsedPolicy;
import io.calicoj.dataplane.iptables.Chain;
import io.calicoj.dataplane.iptables.Table;
import io.calicoj.dataplane.rules.PolicyRenderer;
import io.calicoj.model.felix.PolicyId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Active policies and profiles → their chains in the filter table (Felix's policy manager). Changes
 * are kept until {@link #flushTo(Table)}, so a burst of updates renders each policy once.
 */
final class PolicyManager {

    private final PolicyRenderer renderer;
    private final int ipVersion;
    private final Map<PolicyId, ParsedPolicy> policies = new HashMap<>();
    private final Map<String, ActiveProfileUpdate> profiles = new HashMap<>();
    private final Map<PolicyId, Boolean> dirtyPolicies = new TreeMap<>();
    private final Map<String, Boolean> dirtyProfiles = new TreeMap<>();

    PolicyManager(PolicyRenderer renderer, int ipVersion) {
        this.renderer = renderer;
        this.ipVersion = ipVersion;
    }

    void updatePolicy(PolicyId id, ParsedPolicy policy) {
        policies.put(id, policy);
        dirtyPolicies.put(id, true);
    }

    void removePolicy(PolicyId id) {
        if (policies.remove(id) != null) {
            dirtyPolicies.put(id, false);
        }
    }

    void updateProfile(ActiveProfileUpdate profile) {
        profiles.put(profile.name(), profile);
        dirtyProfiles.put(profile.name(), true);
    }

    void removeProfile(String name) {
        if (profiles.remove(name) != null) {
            dirtyProfiles.put(name, false);
        }
    }

    /** Writes pending changes into the table. */
    void flushTo(Table table) {
        dirtyPolicies.forEach((id, present) -> {
            if (present) {
                table.updateChains(renderer.policyChains(id, policies.get(id), ipVersion));
            } else {
                table.removeChains(names(renderer.policyChains(id, new ParsedPolicy(List.of(), List.of(), false, false,
                        false), ipVersion)));
            }
        });
        dirtyProfiles.forEach((name, present) -> {
            if (present) {
                ActiveProfileUpdate p = profiles.get(name);
                table.updateChains(renderer.profileChains(name, p.inboundRules(), p.outboundRules(), ipVersion));
            } else {
                table.removeChains(names(renderer.profileChains(name, List.of(), List.of(), ipVersion)));
            }
        });
        dirtyPolicies.clear();
        dirtyProfiles.clear();
    }

    private static List<String> names(List<Chain> chains) {
        return chains.stream().map(Chain::name).toList();
    }
}
