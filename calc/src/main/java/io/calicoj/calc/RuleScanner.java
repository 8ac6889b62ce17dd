package io.calicoj.calc;

import io.calicoj.dataplane.api.ParsedPolicy;
import io.calicoj.dataplane.api.ParsedRule;
import io.calicoj.model.PolicyType;
import io.calicoj.model.felix.FelixPolicy;
import io.calicoj.model.felix.FelixProfile;
import io.calicoj.model.felix.PolicyId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns the rules of active policies and profiles into {@link ParsedRule}s whose selectors and
 * named ports are IP set IDs (Felix's {@code RuleScanner}), and keeps a reference count per IP
 * set across all of them: a set is active while any active rule uses it. Identical selectors
 * (and named ports) share one set.
 *
 * <p>For a changed policy or profile the new sets are activated before its rules are sent and
 * the sets it no longer uses are deactivated after; unchanged rules are not sent again.
 *
 * <p>Not thread-safe; confined to the calc thread.
 */
final class RuleScanner implements ActiveRulesListener {

    /** What an active policy or profile was last sent as, and the sets it holds. */
    private record Owned(Object rules, Map<String, IpSetData> ipSets) {
    }

    private final IpSetActivationListener ipSets;
    private final RulesListener out;
    private final Map<PolicyId, Owned> policies = new HashMap<>();
    private final Map<String, Owned> profiles = new HashMap<>();
    private final Map<String, Integer> ipSetRefCounts = new HashMap<>();

    RuleScanner(IpSetActivationListener ipSets, RulesListener out) {
        this.ipSets = Objects.requireNonNull(ipSets, "ipSets");
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void onPolicyActive(FelixPolicy policy) {
        RuleParser parser = new RuleParser();
        ParsedPolicy parsed = new ParsedPolicy(parser.parse(policy.rules(PolicyType.INGRESS)),
                parser.parse(policy.rules(PolicyType.EGRESS)), policy.doNotTrack(), policy.preDnat(),
                policy.applyOnForward());
        Owned old = policies.get(policy.id());
        if (old != null && old.rules().equals(parsed)) {
            return;
        }
        policies.put(policy.id(), new Owned(parsed, parser.ipSets()));
        acquire(parser.ipSets());
        out.onPolicyRulesUpdate(policy.id(), parsed);
        release(old);
    }

    @Override
    public void onPolicyInactive(PolicyId id) {
        Owned old = policies.remove(id);
        if (old != null) {
            out.onPolicyRulesRemoved(id);
            release(old);
        }
    }

    @Override
    public void onProfileActive(FelixProfile profile) {
        RuleParser parser = new RuleParser();
        ProfileRules parsed = new ProfileRules(parser.parse(profile.inbound()), parser.parse(profile.outbound()));
        Owned old = profiles.get(profile.name());
        if (old != null && old.rules().equals(parsed)) {
            return;
        }
        profiles.put(profile.name(), new Owned(parsed, parser.ipSets()));
        acquire(parser.ipSets());
        out.onProfileRulesUpdate(profile.name(), parsed.inbound(), parsed.outbound());
        release(old);
    }

    @Override
    public void onProfileInactive(String name) {
        Owned old = profiles.remove(name);
        if (old != null) {
            out.onProfileRulesRemoved(name);
            release(old);
        }
    }

    private record ProfileRules(List<ParsedRule> inbound, List<ParsedRule> outbound) {
    }

    private void acquire(Map<String, IpSetData> sets) {
        for (IpSetData set : sets.values()) {
            if (ipSetRefCounts.merge(set.id(), 1, Integer::sum) == 1) {
                ipSets.onIpSetActive(set);
            }
        }
    }

    private void release(Owned old) {
        if (old == null) {
            return;
        }
        for (IpSetData set : old.ipSets().values()) {
            if (ipSetRefCounts.merge(set.id(), -1, Integer::sum) == 0) {
                ipSetRefCounts.remove(set.id());
                ipSets.onIpSetInactive(set);
            }
        }
    }
}
