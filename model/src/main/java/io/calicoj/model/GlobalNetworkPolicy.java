package io.calicoj.model;

import java.util.Objects;

/** A cluster-wide Calico policy. */
public record GlobalNetworkPolicy(ObjectMeta metadata, PolicySpec spec) implements Resource {

    public GlobalNetworkPolicy {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
        Resource.checkScope(ResourceKind.GLOBAL_NETWORK_POLICY, metadata);
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.GLOBAL_NETWORK_POLICY;
    }
}
