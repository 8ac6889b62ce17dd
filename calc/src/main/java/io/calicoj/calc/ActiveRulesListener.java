package io.calicoj.calc;

import io.calicoj.model.felix.FelixPolicy;
import io.calicoj.model.felix.FelixProfile;
import io.calicoj.model.felix.PolicyId;

/** Hears which policies and profiles apply to some local endpoint, with their current rules. */
interface ActiveRulesListener {
    /** Active now, or active and changed. */
    void onPolicyActive(FelixPolicy policy);

    void onPolicyInactive(PolicyId id);

    /** Active now, or active and changed; a missing profile arrives as deny-all rules. */
    void onProfileActive(FelixProfile profile);

    void onProfileInactive(String name);
}
