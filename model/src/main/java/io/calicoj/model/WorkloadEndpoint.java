package io.calicoj.model;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A pod's network interface as Calico sees it. Derived from the Pod in the Kubernetes datastore
 * (read-only there).
 */
public record WorkloadEndpoint(ObjectMeta metadata, Spec spec) implements Resource {

    /**
     * @param orchestrator  {@code k8s} for pods
     * @param workload      empty for Kubernetes pods (Calico v3 leaves it unset)
     * @param node          the node name (the pod's {@code spec.nodeName})
     * @param containerId   empty when unknown (always in the Kubernetes datastore)
     * @param pod           the pod name
     * @param endpoint      the interface name inside the pod, {@code eth0}
     * @param interfaceName the host side of the veth, {@code cali} + 11 hex digits
     * @param mac           empty when unknown
     * @param ipv4Gateway   empty when unset
     * @param ipv6Gateway   empty when unset
     */
    public record Spec(
            String orchestrator,
            String workload,
            String node,
            String containerId,
            String pod,
            String endpoint,
            String serviceAccountName,
            List<Cidr> ipNetworks,
            List<IpNat> ipNats,
            String ipv4Gateway,
            String ipv6Gateway,
            List<String> profiles,
            String interfaceName,
            String mac,
            List<EndpointPort> ports) {

        private static final Pattern INTERFACE_NAME = Pattern.compile("[a-zA-Z0-9_.\\-]{1,15}");

        public Spec {
            Objects.requireNonNull(orchestrator, "orchestrator");
            Objects.requireNonNull(workload, "workload");
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(containerId, "containerID");
            Objects.requireNonNull(pod, "pod");
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(serviceAccountName, "serviceAccountName");
            Objects.requireNonNull(ipv4Gateway, "ipv4Gateway");
            Objects.requireNonNull(ipv6Gateway, "ipv6Gateway");
            Objects.requireNonNull(interfaceName, "interfaceName");
            Objects.requireNonNull(mac, "mac");
            ipNetworks = List.copyOf(ipNetworks);
            ipNats = List.copyOf(ipNats);
            profiles = List.copyOf(profiles);
            ports = List.copyOf(ports);
            for (int i = 0; i < ipNetworks.size(); i++) {
                Cidr net = ipNetworks.get(i);
                if (net.prefixLength() != net.address().bits()) {
                    throw new InvalidResourceException("ipNetworks[" + i + "]", net,
                            "endpoint addresses must be /32 (IPv4) or /128 (IPv6)");
                }
            }
            if (!interfaceName.isEmpty() && !INTERFACE_NAME.matcher(interfaceName).matches()) {
                throw new InvalidResourceException("interfaceName", interfaceName,
                        "interface names are 1-15 letters, digits, '_', '.' or '-'");
            }
        }
    }

    public WorkloadEndpoint {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
        Resource.checkScope(ResourceKind.WORKLOAD_ENDPOINT, metadata);
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.WORKLOAD_ENDPOINT;
    }

    /** The addresses of this endpoint. */
    public List<IpAddress> addresses() {
        return spec.ipNetworks().stream().map(Cidr::address).toList();
    }

    /** {@code <namespace>.<pod>}, the WORKLOAD column of {@code calicoctl get workloadendpoints}. */
    public String workloadId() {
        return metadata.namespace() + "." + spec.pod();
    }
}
