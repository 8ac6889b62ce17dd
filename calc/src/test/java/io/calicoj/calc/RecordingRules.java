package io.calicoj.calc;

import io.calicoj.dataplane.api.ParsedPolicy;
import io.calicoj.dataplane.api.ParsedRule;
import io.calicoj.model.felix.PolicyId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Parsed rules of active policies and profiles as they stand; keeps an event log for order checks. */
final class RecordingRules implements RulesListener {

    final Map<PolicyId, ParsedPolicy> policies = new HashMap<>();
    final Map<String, List<List<ParsedRule>>> profiles = new HashMap<>();
    final List<String> events;

    RecordingRules(List<String> sharedLog) {
        this.events = sharedLog;
    }

    RecordingRules() {
        this(new ArrayList<>());
    }

    @Override
    public void onPolicyRulesUpdate(PolicyId id, ParsedPolicy policy) {
        policies.put(id, policy);
        events.add("policy " + id);
    }

    @Override
    public void onPolicyRulesRemoved(PolicyId id) {
        if (policies.remove(id) == null) {
            throw new IllegalStateException("unknown policy removed: " + id);
        }
        events.add("-policy " + id);
    }

    @Override
    public void onProfileRulesUpdate(String name, List<ParsedRule> inbound, List<ParsedRule> outbound) {
        profiles.put(name, List.of(inbound, outbound));
        events.add("profile " + name);
    }

    @Override
    public void onProfileRulesRemoved(String name) {
        if (profiles.remove(name) == null) {
            throw new IllegalStateException("unknown profile removed: " + name);
        }
        events.add("-profile " + name);
    }
}
