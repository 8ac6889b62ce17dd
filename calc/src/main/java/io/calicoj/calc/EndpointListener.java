package io.calicoj.calc;

import io.calicoj.model.ResourceKey;

/** Hears endpoints come, change and go. */
interface EndpointListener {
    void onEndpointUpdate(EndpointData endpoint);

    /** Also called for keys the listener never heard of; it ignores those. */
    void onEndpointRemoved(ResourceKey key);
}
