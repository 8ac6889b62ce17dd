package io.calicoj.cni.plugin;

import java.util.Optional;

/**
 * The node's pod CIDR as the API server last gave it. A node's {@code spec.podCIDR} never changes
 * once assigned, so ADD asks the API server only the first time and then needs only the pod's PATCH.
 */
public interface PodCidrCache {

    /** The CIDR kept for {@code node}; empty when none is (or it is unreadable). */
    Optional<String> get(NetConf conf, String node);

    /** Keeps {@code cidr} for {@code node}; a failure to keep it is logged, never fatal (it is only a cache). */
    void put(NetConf conf, String node, String cidr);
}
