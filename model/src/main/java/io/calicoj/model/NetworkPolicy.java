package io.calicoj.model;

import java.util.Objects;

/** A namespaced Calico policy; it selects endpoints of its own namespace only. */
public record NetworkPolicy(ObjectMeta metadata, PolicySpec spec) implements Resource {

    public NetworkPolicy {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
        Resource.checkScope(ResourceKind.NETWORK_POLICY, metadata);
        if (spec.namespaceSelector() != null || spec.doNotTrack() || spec.preDnat() || spec.applyOnForward()) {
            throw new InvalidResourceException("spec", "namespaceSelector/doNotTrack/preDNAT/applyOnForward",
                    "only GlobalNetworkPolicy supports these fields");
        }
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.NETWORK_POLICY;
    }

    /** Whether this is the projection of a Kubernetes NetworkPolicy (read-only through Calico's API). */
    public boolean isKubernetesDerived() {
        return metadata.name().startsWith("knp.default.");
    }
}
