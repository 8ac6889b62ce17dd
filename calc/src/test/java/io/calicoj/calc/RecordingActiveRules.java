package io.calicoj.calc;

import io.calicoj.model.felix.FelixPolicy;
import io.calicoj.model.felix.FelixProfile;
import io.calicoj.model.felix.PolicyId;
import java.util.HashMap;
import java.util.Map;

/** The active policies and profiles as reported now; throws on deactivating what is not active. */
final class RecordingActiveRules implements ActiveRulesListener {

    final Map<PolicyId, FelixPolicy> policies = new HashMap<>();
    final Map<String, FelixProfile> profiles = new HashMap<>();
    int events;

    @Override
    public void onPolicyActive(FelixPolicy policy) {
        events++;
        policies.put(policy.id(), policy);
    }

    @Override
    public void onPolicyInactive(PolicyId id) {
        events++;
        if (policies.remove(id) == null) {
            throw new IllegalStateException("inactive policy deactivated: " + id);
        }
    }

    @Override
    public void onProfileActive(FelixProfile profile) {
        events++;
        profiles.put(profile.name(), profile);
    }

    @Override
    public void onProfileInactive(String name) {
        events++;
        if (profiles.remove(name) == null) {
            throw new IllegalStateException("inactive profile deactivated: " + name);
        }
    }
}
