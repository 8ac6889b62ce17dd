package io.calicoj.model.k8s;

import java.util.List;
import java.util.Objects;

/**
 * A {@code networking.k8s.io/v1} NetworkPolicy with every field of its spec, values kept as
 * written so that conversion can report the exact field and value it rejects.
 *
 * @param policyTypes as written; empty when the field was absent (then defaulted by conversion)
 */
public record KubeNetworkPolicy(
        String namespace,
        String name,
        String uid,
        String resourceVersion,
        String creationTimestamp,
        KubeLabelSelector podSelector,
        List<String> policyTypes,
        List<RuleSpec> ingress,
        List<RuleSpec> egress) {

    public KubeNetworkPolicy {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(resourceVersion, "resourceVersion");
        Objects.requireNonNull(creationTimestamp, "creationTimestamp");
        Objects.requireNonNull(podSelector, "podSelector");
        policyTypes = List.copyOf(policyTypes);
        ingress = List.copyOf(ingress);
        egress = List.copyOf(egress);
    }

    /** {@code namespace/name}. */
    public String qualifiedName() {
        return namespace + "/" + name;
    }

    /** An ingress rule ({@code from} peers) or an egress rule ({@code to} peers). Empty peers = any peer. */
    public record RuleSpec(List<PortSpec> ports, List<Peer> peers) {
        public RuleSpec {
            ports = List.copyOf(ports);
            peers = List.copyOf(peers);
        }
    }

    /**
     * One {@code NetworkPolicyPort}.
     *
     * @param protocol  as written, {@code null} when absent (TCP)
     * @param port      a port number, {@code null} when absent or named
     * @param namedPort a port name, {@code null} when absent or numeric
     * @param endPort   {@code null} when absent
     */
    public record PortSpec(String protocol, Integer port, String namedPort, Integer endPort) {
        public PortSpec {
            if (port != null && namedPort != null) {
                throw new IllegalArgumentException("a port is a number or a name, not both");
            }
        }
    }

    /** A peer; exactly the present parts are non-null. */
    public record Peer(KubeLabelSelector podSelector, KubeLabelSelector namespaceSelector, IpBlock ipBlock) {
    }

    public record IpBlock(String cidr, List<String> except) {
        public IpBlock {
            Objects.requireNonNull(cidr, "cidr");
            except = List.copyOf(except);
        }
    }
}
