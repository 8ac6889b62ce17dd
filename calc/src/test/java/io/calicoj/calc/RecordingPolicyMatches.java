package io.calicoj.calc;

import io.calicoj.model.ResourceKey;
import io.calicoj.model.felix.PolicyId;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The (policy, endpoint) matches as they stand; throws on a duplicate start or a stop of an absent match. */
final class RecordingPolicyMatches implements PolicyMatchListener {

    final Set<Map.Entry<PolicyId, ResourceKey>> matches = new HashSet<>();

    @Override
    public void onPolicyMatchStarted(PolicyId policy, ResourceKey endpoint) {
        if (!matches.add(Map.entry(policy, endpoint))) {
            throw new IllegalStateException("match started twice: " + policy + " " + endpoint);
        }
    }

    @Override
    public void onPolicyMatchStopped(PolicyId policy, ResourceKey endpoint) {
        if (!matches.remove(Map.entry(policy, endpoint))) {
            throw new IllegalStateException("absent match stopped: " + policy + " " + endpoint);
        }
    }
}
