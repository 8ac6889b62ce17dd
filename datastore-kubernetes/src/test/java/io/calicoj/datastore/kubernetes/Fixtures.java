package io.calicoj.datastore.kubernetes;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.calicoj.model.ResourceKey;
import io.calicoj.model.ResourceKind;
import io.calicoj.model.k8s.WorkloadEndpointNames;
import java.util.Map;

/** Kubernetes objects for tests, and the Calico keys they turn into. */
final class Fixtures {

    private Fixtures() {
    }

    static Namespace namespace(String name, Map<String, String> labels) {
        return new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata().build();
    }

    /** A scheduled, running pod with one IP and a named container port. */
    static Pod pod(String namespace, String name, String node, String ip, Map<String, String> labels) {
        PodBuilder b = new PodBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name).withLabels(labels).endMetadata()
                .withNewSpec().withNodeName(node).withServiceAccountName("default")
                .addNewContainer().withName("app").withImage("nginx")
                .addNewPort().withName("http").withContainerPort(80).withProtocol("TCP").endPort()
                .endContainer().endSpec()
                .withNewStatus().withPhase("Running").endStatus();
        if (ip != null) {
            b.editStatus().withPodIP(ip).addNewPodIP().withIp(ip).endPodIP().endStatus();
        }
        return b.build();
    }

    static NetworkPolicy policy(String namespace, String name, Map<String, String> podSelector,
                                NetworkPolicyIngressRule... ingress) {
        return new NetworkPolicyBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withNewSpec().withNewPodSelector().withMatchLabels(podSelector).endPodSelector()
                .withIngress(ingress).withPolicyTypes("Ingress").endSpec()
                .build();
    }

    /** Allows TCP {@code port} from pods with {@code labels}. */
    static NetworkPolicyIngressRule fromPods(Map<String, String> labels, int port) {
        return new NetworkPolicyIngressRuleBuilder()
                .addNewFrom().withNewPodSelector().withMatchLabels(labels).endPodSelector().endFrom()
                .addNewPort().withProtocol("TCP").withNewPort(port).endPort()
                .build();
    }

    /** Allows everything from {@code cidr}. */
    static NetworkPolicyIngressRule fromCidr(String cidr) {
        return new NetworkPolicyIngressRuleBuilder().addNewFrom().withNewIpBlock().withCidr(cidr).endIpBlock().endFrom().build();
    }

    static Node node(String name, String internalIp) {
        return new NodeBuilder().withNewMetadata().withName(name).addToLabels("kubernetes.io/hostname", name).endMetadata()
                .withNewSpec().withPodCIDR("10.244.1.0/24").withPodCIDRs("10.244.1.0/24", "fd00:1::/64").endSpec()
                .withNewStatus().addNewAddress().withType("InternalIP").withAddress(internalIp).endAddress()
                .addNewAddress().withType("Hostname").withAddress(name).endAddress().endStatus()
                .build();
    }

    static ResourceKey wepKey(String namespace, String node, String pod) {
        return ResourceKey.of(ResourceKind.WORKLOAD_ENDPOINT, namespace, WorkloadEndpointNames.forPod(node, pod));
    }

    static ResourceKey profileKey(String namespace) {
        return ResourceKey.of(ResourceKind.PROFILE, "kns." + namespace);
    }

    static ResourceKey policyKey(String namespace, String name) {
        return ResourceKey.of(ResourceKind.NETWORK_POLICY, namespace, "knp.default." + name);
    }

    static ResourceKey nodeKey(String name) {
        return ResourceKey.of(ResourceKind.NODE, name);
    }
}
