package io.calicoj.calc;

import io.calicoj.model.ResourceKey;
import java.util.HashMap;
import java.util.Map;

/** Each local endpoint's ordered policies as last reported. */
final class RecordingEndpointPolicies implements EndpointPolicyListener {

    final Map<ResourceKey, EndpointPolicies> endpoints = new HashMap<>();
    int events;

    @Override
    public void onEndpointPolicyUpdate(EndpointData endpoint, EndpointPolicies policies) {
        events++;
        endpoints.put(endpoint.key(), policies);
    }

    @Override
    public void onEndpointPolicyRemoved(ResourceKey key) {
        events++;
        endpoints.remove(key);
    }
}
