package io.calicoj.model.k8s;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The fields of a Kubernetes Node that Calico uses.
 *
 * @param podCidr   {@code spec.podCIDR}, empty when unset
 * @param podCidrs  {@code spec.podCIDRs}
 * @param addresses {@code status.addresses} as (address, type)
 */
public record KubeNode(String name, String uid, String resourceVersion, Map<String, String> labels,
                       String podCidr, List<String> podCidrs, List<Address> addresses) {

    public KubeNode {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(resourceVersion, "resourceVersion");
        Objects.requireNonNull(podCidr, "podCidr");
        labels = Map.copyOf(labels);
        podCidrs = List.copyOf(podCidrs);
        addresses = List.copyOf(addresses);
    }

    /** The node's pod CIDRs: {@code spec.podCIDRs}, else {@code [spec.podCIDR]}, else none. */
    public List<String> allPodCidrs() {
        if (!podCidrs.isEmpty()) {
            return podCidrs;
        }
        return podCidr.isEmpty() ? List.of() : List.of(podCidr);
    }

    public record Address(String address, String type) {
        public Address {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(type, "type");
        }
    }
}
