package io.calicoj.calc;

import io.calicoj.dataplane.api.ParsedPolicy;
import io.calicoj.dataplane.api.ParsedRule;
import io.calicoj.model.felix.PolicyId;
import java.util.List;

/** Hears the rendered rules (selectors replaced by IP set IDs) of active policies and profiles. */
interface RulesListener {
    void onPolicyRulesUpdate(PolicyId id, ParsedPolicy policy);

    void onPolicyRulesRemoved(PolicyId id);

    void onProfileRulesUpdate(String name, List<ParsedRule> inbound, List<ParsedRule> outbound);

    void onProfileRulesRemoved(String name);
}
