package io.calicoj.dataplane.linux;

import io.calicoj.dataplane.api.ActiveProfileUpdate;
import io.calicoj.dataplane.api.ParsedPolicy;
import io.calicoj.dataplane.iptables.Table;
import io.calicoj.dataplane.rules.ChainNames;
import io.calicoj.dataplane.rules.PolicyRenderer;
import io.calicoj.model.felix.PolicyId;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Active policies and profiles → their chains in the filter table (Felix's policy manager). Changes
 * are kept until {@link #flushTo(Table)}, so a burst of updates renders each policy once; a removal
 * deletes the chains the names say the policy owns ({@link ChainNames#policyChains}), nothing is rendered.
 */
final class PolicyManager {

    private final PolicyRenderer renderer;
    private final int ipVersion;
    /** Changes since the last flush: the new rules, or empty for a removal. */
    private final Map<PolicyId, Optional<ParsedPolicy>> pendingPolicies = new TreeMap<>();
    private final Map<String, Optional<ActiveProfileUpdate>> pendingProfiles = new TreeMap<>();

    PolicyManager(PolicyRenderer renderer, int ipVersion) {
        this.renderer = renderer;
        this.ipVersion = ipVersion;
    }

    void updatePolicy(PolicyId id, ParsedPolicy policy) {
        pendingPolicies.put(id, Optional.of(policy));
    }

    void removePolicy(PolicyId id) {
        pendingPolicies.put(id, Optional.empty());
    }

    void updateProfile(ActiveProfileUpdate profile) {
        pendingProfiles.put(profile.name(), Optional.of(profile));
    }

    void removeProfile(String name) {
        pendingProfiles.put(name, Optional.empty());
    }

    /** Writes pending changes into the table. */
    void flushTo(Table table) {
        pendingPolicies.forEach((id, policy) -> {
            if (policy.isPresent()) {
                table.updateChains(renderer.policyChains(id, policy.get(), ipVersion));
            } else {
                table.removeChains(ChainNames.policyChains(id));
            }
        });
        pendingProfiles.forEach((name, profile) -> {
            if (profile.isPresent()) {
                ActiveProfileUpdate p = profile.get();
                table.updateChains(renderer.profileChains(name, p.inboundRules(), p.outboundRules(), ipVersion));
            } else {
                table.removeChains(ChainNames.profileChains(name));
            }
        });
        pendingPolicies.clear();
        pendingProfiles.clear();
    }
}
