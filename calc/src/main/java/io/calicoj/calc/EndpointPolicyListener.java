package io.calicoj.calc;

import io.calicoj.model.ResourceKey;

/** Hears a local endpoint's data and ordered policies, or that it is gone. */
interface EndpointPolicyListener {
    void onEndpointPolicyUpdate(EndpointData endpoint, EndpointPolicies policies);

    void onEndpointPolicyRemoved(ResourceKey key);
}
