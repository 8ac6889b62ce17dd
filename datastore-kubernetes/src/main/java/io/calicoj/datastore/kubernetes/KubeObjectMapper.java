package io.calicoj.datastore.kubernetes;

import io.calicoj.model.k8s.KubeLabelSelector;
import io.calicoj.model.k8s.KubeNamespace;
import io.calicoj.model.k8s.KubeNetworkPolicy;
import io.calicoj.model.k8s.KubeNode;
import io.calicoj.model.k8s.KubePod;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * fabric8 API objects → the slim records Calico/J keeps ({@link KubePod}, {@link KubeNamespace},
 * {@link KubeNetworkPolicy}, {@link KubeNode}). No validation happens here: values are carried
 * as written so that conversion can name the field and value it rejects.
 */
public final class KubeObjectMapper {

    private KubeObjectMapper() {
    }

    public static KubePod pod(Pod pod) {
        ObjectMeta m = pod.getMetadata();
        var spec = pod.getSpec();
        var status = pod.getStatus();
        List<String> ips = new ArrayList<>();
        if (status != null) {
            for (PodIP ip : nonNull(status.getPodIPs())) {
                if (ip.getIp() != null) {
                    ips.add(ip.getIp());
                }
            }
            if (ips.isEmpty() && status.getPodIP() != null && !status.getPodIP().isEmpty()) {
                ips.add(status.getPodIP());
            }
        }
        List<KubePod.KubeContainerPort> ports = new ArrayList<>();
        if (spec != null) {
            for (Container c : nonNull(spec.getContainers())) {
                addPorts(c, ports);
            }
            for (Container c : nonNull(spec.getInitContainers())) {
                addPorts(c, ports);
            }
        }
        Map<String, String> annotations = m.getAnnotations() == null ? Map.of() : m.getAnnotations();
        return new KubePod(
                m.getNamespace(), m.getName(), orEmpty(m.getUid()), orEmpty(m.getResourceVersion()),
                spec == null ? "" : orEmpty(spec.getNodeName()),
                spec != null && Boolean.TRUE.equals(spec.getHostNetwork()),
                status == null ? "" : orEmpty(status.getPhase()),
                m.getDeletionTimestamp() != null,
                nonNull(m.getLabels()),
                ips,
                annotations.get(KubePod.ANNOTATION_POD_IP),
                annotations.get(KubePod.ANNOTATION_POD_IPS),
                spec == null ? "" : orEmpty(spec.getServiceAccountName()),
                ports);
    }

    private static void addPorts(Container c, List<KubePod.KubeContainerPort> out) {
        for (ContainerPort p : nonNull(c.getPorts())) {
            if (p.getName() != null && !p.getName().isEmpty() && p.getContainerPort() != null) {
                out.add(new KubePod.KubeContainerPort(p.getName(), p.getContainerPort(),
                        p.getProtocol() == null ? "TCP" : p.getProtocol()));
            }
        }
    }

    public static KubeNamespace namespace(Namespace ns) {
        ObjectMeta m = ns.getMetadata();
        return new KubeNamespace(m.getName(), orEmpty(m.getUid()), orEmpty(m.getResourceVersion()), nonNull(m.getLabels()));
    }

    public static KubeNode node(io.fabric8.kubernetes.api.model.Node node) {
        ObjectMeta m = node.getMetadata();
        List<KubeNode.Address> addresses = new ArrayList<>();
        if (node.getStatus() != null) {
            for (NodeAddress a : nonNull(node.getStatus().getAddresses())) {
                addresses.add(new KubeNode.Address(orEmpty(a.getAddress()), orEmpty(a.getType())));
            }
        }
        String podCidr = node.getSpec() == null ? "" : orEmpty(node.getSpec().getPodCIDR());
        List<String> podCidrs = node.getSpec() == null ? List.of() : nonNull(node.getSpec().getPodCIDRs());
        return new KubeNode(m.getName(), orEmpty(m.getUid()), orEmpty(m.getResourceVersion()), nonNull(m.getLabels()),
                podCidr, podCidrs, addresses);
    }

    public static KubeNetworkPolicy networkPolicy(NetworkPolicy np) {
        ObjectMeta m = np.getMetadata();
        NetworkPolicySpec spec = np.getSpec() == null ? new NetworkPolicySpec() : np.getSpec();
        List<KubeNetworkPolicy.RuleSpec> ingress = new ArrayList<>();
        for (NetworkPolicyIngressRule r : nonNull(spec.getIngress())) {
            ingress.add(new KubeNetworkPolicy.RuleSpec(ports(r.getPorts()), peers(r.getFrom())));
        }
        List<KubeNetworkPolicy.RuleSpec> egress = new ArrayList<>();
        for (NetworkPolicyEgressRule r : nonNull(spec.getEgress())) {
            egress.add(new KubeNetworkPolicy.RuleSpec(ports(r.getPorts()), peers(r.getTo())));
        }
        KubeLabelSelector podSelector = spec.getPodSelector() == null ? KubeLabelSelector.EMPTY : selector(spec.getPodSelector());
        return new KubeNetworkPolicy(m.getNamespace(), m.getName(), orEmpty(m.getUid()), orEmpty(m.getResourceVersion()),
                orEmpty(m.getCreationTimestamp()), podSelector, nonNull(spec.getPolicyTypes()), ingress, egress);
    }

    private static List<KubeNetworkPolicy.PortSpec> ports(List<NetworkPolicyPort> ports) {
        List<KubeNetworkPolicy.PortSpec> out = new ArrayList<>();
        for (NetworkPolicyPort p : nonNull(ports)) {
            IntOrString port = p.getPort();
            Integer number = null;
            String name = null;
            if (port != null) {
                if (port.getIntVal() != null) {
                    number = port.getIntVal();
                } else if (port.getStrVal() != null) {
                    name = port.getStrVal();
                }
            }
            out.add(new KubeNetworkPolicy.PortSpec(p.getProtocol(), number, name, p.getEndPort()));
        }
        return out;
    }

    private static List<KubeNetworkPolicy.Peer> peers(List<NetworkPolicyPeer> peers) {
        List<KubeNetworkPolicy.Peer> out = new ArrayList<>();
        for (NetworkPolicyPeer p : nonNull(peers)) {
            IPBlock b = p.getIpBlock();
            out.add(new KubeNetworkPolicy.Peer(
                    p.getPodSelector() == null ? null : selector(p.getPodSelector()),
                    p.getNamespaceSelector() == null ? null : selector(p.getNamespaceSelector()),
                    b == null ? null : new KubeNetworkPolicy.IpBlock(orEmpty(b.getCidr()), nonNull(b.getExcept()))));
        }
        return out;
    }

    static KubeLabelSelector selector(LabelSelector s) {
        List<KubeLabelSelector.Requirement> reqs = new ArrayList<>();
        for (LabelSelectorRequirement r : nonNull(s.getMatchExpressions())) {
            reqs.add(new KubeLabelSelector.Requirement(orEmpty(r.getKey()), orEmpty(r.getOperator()), nonNull(r.getValues())));
        }
        return new KubeLabelSelector(nonNull(s.getMatchLabels()), reqs);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static Map<String, String> nonNull(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}
