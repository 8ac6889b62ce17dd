package io.calicoj.cli;

import io.calicoj.model.Action;
import io.calicoj.model.Cidr;
import io.calicoj.model.EndpointPort;
import io.calicoj.model.EntityRule;
import io.calicoj.model.FelixConfiguration;
import io.calicoj.model.GlobalNetworkPolicy;
import io.calicoj.model.HostEndpoint;
import io.calicoj.model.IcmpMatch;
import io.calicoj.model.IpAddress;
import io.calicoj.model.IpNat;
import io.calicoj.model.IpPool;
import io.calicoj.model.NetworkPolicy;
import io.calicoj.model.Node;
import io.calicoj.model.ObjectMeta;
import io.calicoj.model.PolicySpec;
import io.calicoj.model.PolicyType;
import io.calicoj.model.Port;
import io.calicoj.model.Profile;
import io.calicoj.model.Protocol;
import io.calicoj.model.Rule;
import io.calicoj.model.SelectorExpression;
import io.calicoj.model.WorkloadEndpoint;
import io.calicoj.model.k8s.KubeNamespace;
import io.calicoj.model.k8s.KubePod;
import io.calicoj.model.k8s.NamespaceConverter;
import io.calicoj.model.k8s.PodConverter;
import java.util.List;
import java.util.Map;

/** Sample resources of every kind, as the Kubernetes datastore would show them. */
public final class Fixtures {

    private Fixtures() {
    }

    /** The endpoint of a running pod, converted as the Kubernetes datastore converts it. */
    public static WorkloadEndpoint pod(String namespace, String name, String node, String ip) {
        KubePod pod = new KubePod(namespace, name, "uid-" + name, "7", node, false, "Running", false,
                Map.of("app", name.replaceAll("-.*", "")), List.of(ip), null, null, "",
                List.of(new KubePod.KubeContainerPort("http", 8080, "TCP")));
        return new PodConverter().toWorkloadEndpoint(pod).orElseThrow();
    }

    /** The two pods of Calico's install page example. */
    public static List<WorkloadEndpoint> installPagePods() {
        return List.of(
                pod("kube-system", "kube-dns-v20-jhk10", "kubernetes-minion-group-tbmi", "10.244.1.4"),
                pod("kube-system", "kubernetes-dashboard-v1.4.0-wtrtm", "kubernetes-minion-group-x7ce", "10.244.2.3"));
    }

    /** A workload endpoint with every field set (as a non-Kubernetes orchestrator would write it). */
    public static WorkloadEndpoint fullEndpoint() {
        return new WorkloadEndpoint(ObjectMeta.namespaced("ns1", "node1-openstack-vm1-tap1")
                .withLabels(Map.of("role", "db")),
                new WorkloadEndpoint.Spec("openstack", "vm1", "node1", "abc123", "", "tap1", "",
                        List.of(Cidr.parse("10.0.0.5/32")),
                        List.of(new IpNat(IpAddress.parse("10.0.0.5"), IpAddress.parse("172.16.0.5"))),
                        "10.0.0.1", "", List.of("default", "db"), "tap1234", "ee:ee:ee:ee:ee:ee",
                        List.of(new EndpointPort("pg", Protocol.TCP, 5432))));
    }

    public static NetworkPolicy kubernetesPolicy() {
        Rule fromFrontend = new Rule(Action.ALLOW, null, Protocol.TCP, null, null, null,
                EntityRule.ANY.withSelector(SelectorExpression.parse(
                        "projectcalico.org/orchestrator == 'k8s' && role == 'frontend'")),
                EntityRule.ANY.withPorts(List.of(Port.single(6379))));
        return new NetworkPolicy(ObjectMeta.namespaced("default", "knp.default.allow-frontend"),
                PolicySpec.of(1000.0, SelectorExpression.parse("projectcalico.org/orchestrator == 'k8s' && role == 'db'"),
                        List.of(PolicyType.INGRESS), List.of(fromFrontend), List.of()));
    }

    public static NetworkPolicy calicoPolicy() {
        Rule icmp = new Rule(Action.ALLOW, 4, Protocol.ICMP, null, new IcmpMatch(8, 0), null, EntityRule.ANY, EntityRule.ANY);
        Rule web = new Rule(Action.ALLOW, null, Protocol.TCP, null, null, null,
                EntityRule.ANY.withNets(List.of(Cidr.parse("10.0.0.0/8"))).withNotNets(List.of(Cidr.parse("10.9.0.0/16"))),
                EntityRule.ANY.withPorts(List.of(Port.single(80), Port.range(8000, 8080), Port.named("https"))));
        Rule deny = new Rule(Action.DENY, null, null, Protocol.UDP, null, null,
                EntityRule.ANY.withNotSelector(SelectorExpression.parse("!has(trusted)")), EntityRule.ANY);
        Rule dns = new Rule(Action.ALLOW, null, Protocol.UDP, null, null, null, EntityRule.ANY,
                EntityRule.ANY.withNamespaceSelector(SelectorExpression.parse("name == 'kube-system'"))
                        .withPorts(List.of(Port.single(53))));
        return new NetworkPolicy(ObjectMeta.namespaced("default", "allow-web").withLabels(Map.of("team", "web")),
                PolicySpec.of(100.5, SelectorExpression.parse("role == 'web'"),
                        List.of(PolicyType.INGRESS, PolicyType.EGRESS), List.of(icmp, web, deny), List.of(dns)));
    }

    public static GlobalNetworkPolicy globalPolicy() {
        return new GlobalNetworkPolicy(ObjectMeta.named("deny-egress"),
                new PolicySpec(PolicySpec.DEFAULT_TIER, null, SelectorExpression.parse("all()"),
                        SelectorExpression.parse("env == 'prod'"), List.of(PolicyType.EGRESS), List.of(),
                        List.of(Rule.of(Action.DENY).withProtocol(Protocol.of(47))), false, true, true));
    }

    public static Profile namespaceProfile() {
        return NamespaceConverter.toProfile(new KubeNamespace("kube-system", "uid-ks", "5",
                Map.of("kubernetes.io/metadata.name", "kube-system")));
    }

    public static Node node() {
        return new Node(ObjectMeta.named("kubernetes-minion-group-tbmi"),
                new Node.Spec(new Node.Bgp("", "10.240.0.4/32", ""),
                        List.of(new Node.Address("10.240.0.4", "InternalIP"))));
    }

    public static Node nodeWithAs() {
        return new Node(ObjectMeta.named("kubernetes-minion-group-x7ce"),
                new Node.Spec(new Node.Bgp("64513", "10.240.0.5/32", "fd00::5/128"), List.of()));
    }

    public static HostEndpoint hostEndpoint() {
        return new HostEndpoint(ObjectMeta.named("node1-eth0").withLabels(Map.of("role", "ingress")),
                new HostEndpoint.Spec("node1", "eth0", List.of(IpAddress.parse("192.168.0.1"), IpAddress.parse("192.168.0.2")),
                        List.of("ingress"), List.of(new EndpointPort("ssh", Protocol.TCP, 22))));
    }

    public static IpPool ipPool() {
        return new IpPool(ObjectMeta.named("default-ipv4-ippool"),
                new IpPool.Spec(Cidr.parse("10.244.0.0/16"), "Never", "CrossSubnet", true, false, "all()", 26));
    }

    public static FelixConfiguration felixConfiguration() {
        return new FelixConfiguration(ObjectMeta.named("default"),
                Map.of("logSeverityScreen", "Info", "reportingInterval", "0s", "bpfEnabled", "false", "healthPort", "9099"));
    }
}
