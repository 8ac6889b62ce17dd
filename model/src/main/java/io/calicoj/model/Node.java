package io.calicoj.model;

import java.util.List;
import java.util.Objects;

/** A Calico node (in the Kubernetes datastore: the Kubernetes Node). */
public record Node(ObjectMeta metadata, Spec spec) implements Resource {

    /** @param bgp {@code null} for a policy-only node */
    public record Spec(Bgp bgp, List<Address> addresses) {
        public Spec {
            addresses = List.copyOf(addresses);
        }
    }

    /** BGP settings; {@code asNumber} is empty when inherited from the global setting. */
    public record Bgp(String asNumber, String ipv4Address, String ipv6Address) {
        public Bgp {
            Objects.requireNonNull(asNumber, "asNumber");
            Objects.requireNonNull(ipv4Address, "ipv4Address");
            Objects.requireNonNull(ipv6Address, "ipv6Address");
        }
    }

    /** One node address, e.g. {@code 10.0.0.5} of type {@code InternalIP}. */
    public record Address(String address, String type) {
        public Address {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(type, "type");
        }
    }

    public Node {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
        Resource.checkScope(ResourceKind.NODE, metadata);
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.NODE;
    }
}
