package io.calicoj.calc;

import io.calicoj.model.felix.FelixPolicy;
import io.calicoj.model.felix.PolicyId;

/** Hears policies (all of them, as Felix sees them) come, change and go. */
interface PolicyListener {
    void onPolicyUpdate(FelixPolicy policy);

    void onPolicyRemoved(PolicyId id);
}
