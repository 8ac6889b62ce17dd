package io.calicoj.calc;

import io.calicoj.calc.labelindex.LabelInheritanceIndex;
import io.calicoj.model.Profile;
import io.calicoj.model.ResourceKey;
import io.calicoj.model.felix.FelixPolicy;
import io.calicoj.model.felix.FelixProfile;
import io.calicoj.model.felix.FelixProjection;
import io.calicoj.model.felix.PolicyId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which policies and profiles apply to at least one local endpoint (Felix's
 * {@code ActiveRulesCalculator}). A policy is active while its selector matches a local
 * endpoint (label inheritance included); a profile while a local endpoint lists it. Both are
 * reference counted and reported on transitions, and again when an active one changes.
 *
 * <p>A profile that a local endpoint lists but that does not exist (or failed validation) is
 * reported as deny-all rules in both directions, so the endpoint fails closed; it is logged at
 * WARN once in sync. The (policy, endpoint) matches go to the policy resolver.
 *
 * <p>Not thread-safe; confined to the calc thread.
 */
final class ActiveRulesCalculator implements PolicyListener, ProfileListener, EndpointListener {

    private static final Logger log = LoggerFactory.getLogger(ActiveRulesCalculator.class);

    private final ActiveRulesListener rules;
    private final PolicyMatchListener matches;
    private final LabelInheritanceIndex<PolicyId, ResourceKey> index = new LabelInheritanceIndex<>(new Matches());
    private final Map<PolicyId, FelixPolicy> policies = new HashMap<>();
    private final Map<PolicyId, Integer> matchCounts = new HashMap<>();
    private final Map<String, FelixProfile> profiles = new HashMap<>();
    private final Map<ResourceKey, List<String>> endpointProfiles = new HashMap<>();
    private final Map<String, Integer> profileRefCounts = new HashMap<>();
    private boolean inSync;

    ActiveRulesCalculator(ActiveRulesListener rules, PolicyMatchListener matches) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.matches = Objects.requireNonNull(matches, "matches");
    }

    /** From now on a missing profile is an error worth a warning, not a profile still on its way. */
    void onInSync() {
        inSync = true;
        profileRefCounts.keySet().stream().filter(name -> !profiles.containsKey(name)).sorted()
                .forEach(ActiveRulesCalculator::warnMissing);
    }

    @Override
    public void onPolicyUpdate(FelixPolicy policy) {
        FelixPolicy old = policies.put(policy.id(), policy);
        if (policy.equals(old)) {
            return;
        }
        if (matchCounts.containsKey(policy.id())) {
            rules.onPolicyActive(policy);
        }
        index.updateSelector(policy.id(), policy.selector());
    }

    @Override
    public void onPolicyRemoved(PolicyId id) {
        index.deleteSelector(id);
        policies.remove(id);
    }

    @Override
    public void onProfileUpdate(FelixProfile profile) {
        FelixProfile old = profiles.put(profile.name(), profile);
        if (profile.equals(old)) {
            return;
        }
        index.updateParent(profile.name(), profile.labels());
        if (profileRefCounts.containsKey(profile.name())) {
            rules.onProfileActive(profile);
        }
    }

    @Override
    public void onProfileRemoved(String name) {
        if (profiles.remove(name) == null) {
            return;
        }
        index.deleteParent(name);
        if (profileRefCounts.containsKey(name)) {
            rules.onProfileActive(missingProfile(name));
        }
    }

    @Override
    public void onEndpointUpdate(EndpointData endpoint) {
        List<String> old = endpointProfiles.put(endpoint.key(), endpoint.profileIds());
        index.updateItem(endpoint.key(), endpoint.labels(), endpoint.profileIds());
        endpoint.profileIds().forEach(this::incrementProfile);
        if (old != null) {
            old.forEach(this::decrementProfile);
        }
    }

    @Override
    public void onEndpointRemoved(ResourceKey key) {
        List<String> old = endpointProfiles.remove(key);
        if (old == null) {
            return;
        }
        index.deleteItem(key);
        old.forEach(this::decrementProfile);
    }

    private void incrementProfile(String name) {
        if (profileRefCounts.merge(name, 1, Integer::sum) == 1) {
            FelixProfile profile = profiles.get(name);
            rules.onProfileActive(profile != null ? profile : missingProfile(name));
        }
    }

    private void decrementProfile(String name) {
        if (profileRefCounts.merge(name, -1, Integer::sum) == 0) {
            profileRefCounts.remove(name);
            rules.onProfileInactive(name);
        }
    }

    private FelixProfile missingProfile(String name) {
        if (inSync) {
            warnMissing(name);
        }
        return FelixProjection.project(Profile.denyAll(name));
    }

    private static void warnMissing(String name) {
        log.atWarn().addKeyValue("profile", name)
                .log("Profile not known or invalid; its endpoints get a profile that drops all traffic");
    }

    /** The label index's view: (policy, local endpoint) matches, counted per policy. */
    private final class Matches implements LabelInheritanceIndex.MatchListener<PolicyId, ResourceKey> {
        @Override
        public void onMatchStarted(PolicyId policy, ResourceKey endpoint) {
            if (matchCounts.merge(policy, 1, Integer::sum) == 1) {
                log.atInfo().addKeyValue("policy", policy).log("Policy active");
                rules.onPolicyActive(policies.get(policy));
            }
            matches.onPolicyMatchStarted(policy, endpoint);
        }

        @Override
        public void onMatchStopped(PolicyId policy, ResourceKey endpoint) {
            matches.onPolicyMatchStopped(policy, endpoint);
            if (matchCounts.merge(policy, -1, Integer::sum) == 0) {
                matchCounts.remove(policy);
                log.atInfo().addKeyValue("policy", policy).log("Policy inactive");
                rules.onPolicyInactive(policy);
            }
        }
    }
}
