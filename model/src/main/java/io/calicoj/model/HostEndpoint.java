package io.calicoj.model;

import java.util.List;
import java.util.Objects;

/** A host's own interface under Calico policy. */
public record HostEndpoint(ObjectMeta metadata, Spec spec) implements Resource {

    public record Spec(String node, String interfaceName, List<IpAddress> expectedIps, List<String> profiles,
                       List<EndpointPort> ports) {
        public Spec {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(interfaceName, "interfaceName");
            expectedIps = List.copyOf(expectedIps);
            profiles = List.copyOf(profiles);
            ports = List.copyOf(ports);
            if (interfaceName.isEmpty() && expectedIps.isEmpty()) {
                throw new InvalidResourceException("interfaceName", "",
                        "a host endpoint needs an interfaceName or expectedIPs");
            }
        }
    }

    public HostEndpoint {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
        Resource.checkScope(ResourceKind.HOST_ENDPOINT, metadata);
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.HOST_ENDPOINT;
    }
}
