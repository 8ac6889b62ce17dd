package io.calicoj.dataplane.api;

import io.calicoj.model.ResourceKey;
import java.util.Objects;

/** The local workload endpoint is gone. */
public record WorkloadEndpointRemove(ResourceKey key) implements DataplaneUpdate {
    public WorkloadEndpointRemove {
        Objects.requireNonNull(key, "key");
    }

    @Override
    public void dispatch(DataplaneUpdateHandler h) {
        h.onWorkloadEndpointRemove(this);
    }
}
