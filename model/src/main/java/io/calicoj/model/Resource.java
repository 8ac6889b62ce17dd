package io.calicoj.model;

/** A Calico v3 resource: metadata plus a kind-specific spec. */
public sealed interface Resource
        permits NetworkPolicy, GlobalNetworkPolicy, Profile, WorkloadEndpoint, HostEndpoint, Node, IpPool,
        FelixConfiguration {

    ObjectMeta metadata();

    ResourceKind kind();

    default ResourceKey key() {
        return new ResourceKey(kind(), metadata().namespace(), metadata().name());
    }

    /** Checks that a resource's namespace fits its kind (namespaced kinds need one, others none). */
    static void checkScope(ResourceKind kind, ObjectMeta metadata) {
        if (kind.namespaced() && metadata.namespace().isEmpty()) {
            throw new InvalidResourceException("metadata.namespace", "", kind + " is namespaced and needs a namespace");
        }
        if (!kind.namespaced() && !metadata.namespace().isEmpty()) {
            throw new InvalidResourceException("metadata.namespace", metadata.namespace(),
                    kind + " is cluster-scoped and takes no namespace");
        }
    }
}
