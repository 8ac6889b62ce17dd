package io.calicoj.dataplane.api;

import io.calicoj.model.ResourceKey;
import java.util.Objects;

/** The local host endpoint is gone. */
public record HostEndpointRemove(ResourceKey key) implements DataplaneUpdate {
    public HostEndpointRemove {
        Objects.requireNonNull(key, "key");
    }

    @Override
    public void dispatch(DataplaneUpdateHandler h) {
        h.onHostEndpointRemove(this);
    }
}
