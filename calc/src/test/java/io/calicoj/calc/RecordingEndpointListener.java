package io.calicoj.calc;

import io.calicoj.model.ResourceKey;
import java.util.HashMap;
import java.util.Map;

/** The endpoints a stage passed on, as they stand now. */
final class RecordingEndpointListener implements EndpointListener {

    final Map<ResourceKey, EndpointData> endpoints = new HashMap<>();
    int events;

    @Override
    public void onEndpointUpdate(EndpointData endpoint) {
        events++;
        endpoints.put(endpoint.key(), endpoint);
    }

    @Override
    public void onEndpointRemoved(ResourceKey key) {
        events++;
        endpoints.remove(key);
    }
}
