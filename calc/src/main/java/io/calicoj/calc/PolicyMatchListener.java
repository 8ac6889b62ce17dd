package io.calicoj.calc;

import io.calicoj.model.ResourceKey;
import io.calicoj.model.felix.PolicyId;

/** Hears which policies select which local endpoints. */
interface PolicyMatchListener {
    void onPolicyMatchStarted(PolicyId policy, ResourceKey endpoint);

    void onPolicyMatchStopped(PolicyId policy, ResourceKey endpoint);
}
