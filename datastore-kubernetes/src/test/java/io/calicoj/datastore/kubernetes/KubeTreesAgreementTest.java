package io.calicoj.datastore.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.json.JsonTrees;
import io.calicoj.kube.client.KubeTrees;
import io.calicoj.model.k8s.KubeNetworkPolicy;
import io.calicoj.model.k8s.KubePod;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The lean client's tree mapper ({@link KubeTrees}, what calicoctl sees) and the syncer's fabric8
 * mapper ({@link KubeObjectMapper}, what Felix sees) make equal records from the same API object:
 * realistic objects built with fabric8 and serialised as the API server would send them, and wire
 * documents as an API server writes them (explicit nulls, empty lists and maps), read by fabric8's
 * typed model on one side and as a tree on the other.
 */
class KubeTreesAgreementTest {

    // ---- pods ----

    private static Pod runningPodWithEverything() {
        return new PodBuilder()
                .withNewMetadata().withNamespace("shop").withName("web-7d9f").withUid("0c1d-4e")
                .withResourceVersion("4711").withLabels(Map.of("app", "web", "tier", "front"))
                .withAnnotations(Map.of(KubePod.ANNOTATION_POD_IP, "10.244.1.5/32",
                        KubePod.ANNOTATION_POD_IPS, "10.244.1.5/32,fd00::5/128", "cni.projectcalico.org/containerID", "abc",
                        "kubectl.kubernetes.io/last-applied-configuration", "{\"big\":\"json\"}"))
                .endMetadata()
                .withNewSpec().withNodeName("worker-1").withServiceAccountName("web-sa")
                .addNewInitContainer().withName("migrate").withImage("m")
                .withPorts(new ContainerPortBuilder().withName("init-metrics").withContainerPort(9100).build())
                .endInitContainer()
                .addNewContainer().withName("app").withImage("nginx").withPorts(
                        new ContainerPortBuilder().withName("http").withContainerPort(80).withProtocol("TCP").build(),
                        new ContainerPortBuilder().withName("dns").withContainerPort(53).withProtocol("UDP").build(),
                        new ContainerPortBuilder().withName("assoc").withContainerPort(9899).withProtocol("SCTP").build(),
                        new ContainerPortBuilder().withName("no-protocol").withContainerPort(8080).build(),
                        new ContainerPortBuilder().withContainerPort(8443).build(),
                        new ContainerPortBuilder().withName("").withContainerPort(8444).build())
                .endContainer()
                .addNewContainer().withName("sidecar").withImage("envoy").endContainer()
                .endSpec()
                .withNewStatus().withPhase("Running").withPodIP("10.244.1.5")
                .addNewPodIP().withIp("10.244.1.5").endPodIP().addNewPodIP().withIp("fd00::5").endPodIP()
                .endStatus()
                .build();
    }

    private static Pod pendingPodWithNothing() {
        return new PodBuilder().withNewMetadata().withNamespace("shop").withName("pending").endMetadata().build();
    }

    private static Pod podWithOnlyTheOldPodIp() {
        return new PodBuilder().withNewMetadata().withNamespace("old").withName("p").endMetadata()
                .withNewSpec().withNodeName("n").endSpec()
                .withNewStatus().withPhase("Running").withPodIP("10.0.0.9").endStatus().build();
    }

    private static Pod hostNetworkPod() {
        return new PodBuilder().withNewMetadata().withNamespace("kube-system").withName("kube-proxy-x").endMetadata()
                .withNewSpec().withNodeName("n").withHostNetwork(true).endSpec()
                .withNewStatus().withPhase("Running").withPodIP("192.168.0.10").endStatus().build();
    }

    private static Pod terminatingPodWithEmptyAnnotations() {
        return new PodBuilder().withNewMetadata().withNamespace("shop").withName("going")
                .withDeletionTimestamp("2024-05-01T10:00:00Z").withDeletionGracePeriodSeconds(30L)
                .withAnnotations(Map.of(KubePod.ANNOTATION_POD_IP, "", KubePod.ANNOTATION_POD_IPS, "")).endMetadata()
                .withNewSpec().withNodeName("n").withHostNetwork(false).endSpec()
                .withNewStatus().withPhase("Succeeded").endStatus().build();
    }

    // ---- network policies ----

    private static NetworkPolicy policyWithEveryField() {
        return new NetworkPolicyBuilder()
                .withNewMetadata().withNamespace("shop").withName("db-access").withUid("u-9")
                .withResourceVersion("99").withCreationTimestamp("2024-01-02T03:04:05Z").endMetadata()
                .withNewSpec()
                .withPodSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("app", "db"))
                        .withMatchExpressions(
                                new LabelSelectorRequirementBuilder().withKey("tier").withOperator("In")
                                        .withValues("back", "data").build(),
                                new LabelSelectorRequirementBuilder().withKey("env").withOperator("NotIn")
                                        .withValues("dev").build(),
                                new LabelSelectorRequirementBuilder().withKey("owner").withOperator("Exists").build(),
                                new LabelSelectorRequirementBuilder().withKey("legacy").withOperator("DoesNotExist").build())
                        .build())
                .withPolicyTypes("Ingress", "Egress")
                .addNewIngress()
                .withFrom(
                        new NetworkPolicyPeerBuilder().withPodSelector(new LabelSelectorBuilder()
                                .withMatchLabels(Map.of("role", "api")).build()).build(),
                        new NetworkPolicyPeerBuilder().withNamespaceSelector(new LabelSelectorBuilder()
                                .withMatchLabels(Map.of("team", "ops")).build()).build(),
                        new NetworkPolicyPeerBuilder()
                                .withPodSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("role", "batch")).build())
                                .withNamespaceSelector(new LabelSelectorBuilder().build()).build(),
                        new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr("10.0.0.0/8")
                                .withExcept("10.1.0.0/16", "10.2.0.0/16").endIpBlock().build(),
                        new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr("172.16.0.0/12").endIpBlock().build())
                .withPorts(
                        new NetworkPolicyPortBuilder().withProtocol("TCP").withPort(new IntOrString(5432)).build(),
                        new NetworkPolicyPortBuilder().withProtocol("UDP").withPort(new IntOrString("metrics")).build(),
                        new NetworkPolicyPortBuilder().withProtocol("SCTP").withPort(new IntOrString(30000)).withEndPort(32767)
                                .build(),
                        new NetworkPolicyPortBuilder().withPort(new IntOrString(443)).build(),
                        new NetworkPolicyPortBuilder().withProtocol("TCP").build(),
                        new NetworkPolicyPortBuilder().build())
                .endIngress()
                .addNewIngress().endIngress()
                .addNewEgress()
                .withTo(new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr("0.0.0.0/0").withExcept("169.254.169.254/32")
                        .endIpBlock().build())
                .withPorts(new NetworkPolicyPortBuilder().withProtocol("TCP").withPort(new IntOrString(53)).build())
                .endEgress()
                .addNewEgress().withTo(new NetworkPolicyPeerBuilder().withPodSelector(new LabelSelectorBuilder().build()).build())
                .endEgress()
                .endSpec()
                .build();
    }

    private static NetworkPolicy defaultDenyWithoutPolicyTypes() {
        return new NetworkPolicyBuilder().withNewMetadata().withNamespace("shop").withName("deny").endMetadata()
                .withNewSpec().withNewPodSelector().endPodSelector().endSpec().build();
    }

    private static NetworkPolicy policyWithoutSpec() {
        return new NetworkPolicyBuilder().withNewMetadata().withNamespace("shop").withName("bare").endMetadata().build();
    }

    // ---- namespaces and nodes ----

    private static Namespace namespaceWithLabels() {
        return new NamespaceBuilder().withNewMetadata().withName("shop").withUid("ns-1").withResourceVersion("7")
                .withLabels(Map.of("team", "a", "kubernetes.io/metadata.name", "shop")).endMetadata()
                .withNewStatus().withPhase("Active").endStatus().build();
    }

    private static Namespace namespaceWithoutLabels() {
        return new NamespaceBuilder().withNewMetadata().withName("bare").endMetadata().build();
    }

    private static Node dualStackNode() {
        return new NodeBuilder().withNewMetadata().withName("worker-1").withUid("n-1").withResourceVersion("12")
                .withLabels(Map.of("kubernetes.io/hostname", "worker-1", "topology.kubernetes.io/zone", "b")).endMetadata()
                .withNewSpec().withPodCIDR("10.244.1.0/24").withPodCIDRs("10.244.1.0/24", "fd00:1::/64")
                .withProviderID("aws:///eu-west-1b/i-0abc").endSpec()
                .withNewStatus()
                .addNewAddress().withType("InternalIP").withAddress("192.168.0.1").endAddress()
                .addNewAddress().withType("ExternalIP").withAddress("203.0.113.9").endAddress()
                .addNewAddress().withType("Hostname").withAddress("worker-1").endAddress()
                .addNewAddress().withType("InternalDNS").withAddress("worker-1.internal").endAddress()
                .endStatus().build();
    }

    private static Node nodeWithoutPodCidr() {
        return new NodeBuilder().withNewMetadata().withName("fresh").endMetadata().build();
    }

    // ---- wire documents: what fabric8 and the tree both read ----

    private static final String POD_WITH_NULLS_AND_EMPTIES = """
            {"apiVersion": "v1", "kind": "Pod",
             "metadata": {"name": "p", "namespace": "ns", "uid": "u", "resourceVersion": "5", "labels": {},
                          "annotations": null, "deletionTimestamp": null},
             "spec": {"nodeName": "n", "hostNetwork": null, "serviceAccountName": null,
                      "containers": [{"name": "c", "ports": []}, {"name": "d", "ports": null},
                                     {"name": "e", "ports": [{"name": "http", "containerPort": 8080, "protocol": null}]}],
                      "initContainers": []},
             "status": {"phase": "Running", "podIP": "10.0.0.1", "podIPs": [], "conditions": []}}
            """;

    private static final String POD_WITH_EMPTY_AND_MISSING_POD_IPS = """
            {"metadata": {"name": "p2", "namespace": "ns", "annotations": {"cni.projectcalico.org/podIP": "10.0.0.2/32"}},
             "spec": {"containers": null},
             "status": {"podIP": "", "podIPs": [{"ip": "10.0.0.2"}, {}, {"ip": null}]}}
            """;

    private static final String POLICY_WITH_NULLS_AND_EMPTIES = """
            {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
             "metadata": {"name": "np", "namespace": "ns", "creationTimestamp": null},
             "spec": {"podSelector": null, "policyTypes": [],
                      "ingress": [{"from": [], "ports": []},
                                  {"from": null, "ports": null},
                                  {"from": [{"podSelector": {}}, {"podSelector": null, "namespaceSelector": {"matchLabels": {}}},
                                            {"ipBlock": {"cidr": "10.0.0.0/8", "except": []}},
                                            {"podSelector": {"matchExpressions": [{"key": "k", "operator": "Exists", "values": []}]}}],
                                   "ports": [{"port": "web"}, {"port": 8080, "endPort": 8090}, {"protocol": "UDP", "port": null}]}],
                      "egress": []}}
            """;

    private static final String POLICY_WITHOUT_SELECTOR_OR_RULES = """
            {"metadata": {"name": "np2", "namespace": "ns"}, "spec": {"egress": [{}], "policyTypes": ["Egress"]}}
            """;

    private static final String NODE_WITH_NULLS = """
            {"metadata": {"name": "n", "labels": null}, "spec": {"podCIDR": null, "podCIDRs": null},
             "status": {"addresses": [{"type": "InternalIP", "address": "10.1.1.1"}, {"type": "Hostname"}]}}
            """;

    private static final String NAMESPACE_WITH_NULL_LABELS = """
            {"metadata": {"name": "ns", "uid": "x", "labels": null}}
            """;

    // ---- the checks ----

    private record Kind<T extends HasMetadata>(Class<T> type, Function<T, Object> fabric8, Function<JsonNode, Object> tree) {
    }

    private static final Kind<Pod> POD = new Kind<>(Pod.class, KubeObjectMapper::pod, KubeTrees::pod);
    private static final Kind<NetworkPolicy> POLICY = new Kind<>(NetworkPolicy.class, KubeObjectMapper::networkPolicy,
            KubeTrees::networkPolicy);
    private static final Kind<Namespace> NAMESPACE = new Kind<>(Namespace.class, KubeObjectMapper::namespace, KubeTrees::namespace);
    private static final Kind<Node> NODE = new Kind<>(Node.class, KubeObjectMapper::node, KubeTrees::node);

    static Stream<Arguments> objects() {
        return Stream.of(
                Arguments.of("running pod with everything", POD, runningPodWithEverything()),
                Arguments.of("pending pod with nothing", POD, pendingPodWithNothing()),
                Arguments.of("pod with only status.podIP", POD, podWithOnlyTheOldPodIp()),
                Arguments.of("host-network pod", POD, hostNetworkPod()),
                Arguments.of("terminating pod with empty annotations", POD, terminatingPodWithEmptyAnnotations()),
                Arguments.of("policy with every field", POLICY, policyWithEveryField()),
                Arguments.of("default deny without policyTypes", POLICY, defaultDenyWithoutPolicyTypes()),
                Arguments.of("policy without spec", POLICY, policyWithoutSpec()),
                Arguments.of("namespace with labels", NAMESPACE, namespaceWithLabels()),
                Arguments.of("namespace without labels", NAMESPACE, namespaceWithoutLabels()),
                Arguments.of("dual-stack node", NODE, dualStackNode()),
                Arguments.of("node without pod CIDR", NODE, nodeWithoutPodCidr()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("objects")
    <T extends HasMetadata> void bothMappersAgreeOnAnObjectAsTheApiServerSendsIt(String name, Kind<T> kind, T object) {
        String json = Serialization.asJson(object);
        Object fromTree = kind.tree().apply(JsonTrees.parse(json));

        assertThat(fromTree).as("tree vs the fabric8 object").isEqualTo(kind.fabric8().apply(object));
        assertThat(fromTree).as("tree vs fabric8 reading the JSON").isEqualTo(kind.fabric8().apply(Serialization.unmarshal(json,
                kind.type())));
    }

    static Stream<Arguments> documents() {
        return Stream.of(
                Arguments.of("pod with nulls and empty lists", POD, POD_WITH_NULLS_AND_EMPTIES),
                Arguments.of("pod with empty and missing podIPs entries", POD, POD_WITH_EMPTY_AND_MISSING_POD_IPS),
                Arguments.of("policy with nulls and empty lists", POLICY, POLICY_WITH_NULLS_AND_EMPTIES),
                Arguments.of("policy without selector or rules", POLICY, POLICY_WITHOUT_SELECTOR_OR_RULES),
                Arguments.of("node with nulls", NODE, NODE_WITH_NULLS),
                Arguments.of("namespace with null labels", NAMESPACE, NAMESPACE_WITH_NULL_LABELS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    <T extends HasMetadata> void bothMappersAgreeOnWireDocuments(String name, Kind<T> kind, String json) {
        assertThat(kind.tree().apply(JsonTrees.parse(json)))
                .isEqualTo(kind.fabric8().apply(Serialization.unmarshal(json, kind.type())));
    }

    @org.junit.jupiter.api.Test
    void theFixturesReallyCoverWhatTheyClaim() {
        KubePod pod = KubeTrees.pod(JsonTrees.parse(Serialization.asJson(runningPodWithEverything())));
        assertThat(pod.podIps()).containsExactly("10.244.1.5", "fd00::5");
        assertThat(pod.containerPorts()).extracting(KubePod.KubeContainerPort::name)
                .containsExactly("http", "dns", "assoc", "no-protocol", "init-metrics");
        assertThat(pod.containerPorts()).extracting(KubePod.KubeContainerPort::protocol)
                .containsExactly("TCP", "UDP", "SCTP", "TCP", "TCP");
        assertThat(KubeTrees.pod(JsonTrees.parse(Serialization.asJson(podWithOnlyTheOldPodIp()))).podIps())
                .containsExactly("10.0.0.9");

        KubeNetworkPolicy np = KubeTrees.networkPolicy(JsonTrees.parse(Serialization.asJson(policyWithEveryField())));
        assertThat(np.ingress().get(0).ports()).containsExactly(
                new KubeNetworkPolicy.PortSpec("TCP", 5432, null, null),
                new KubeNetworkPolicy.PortSpec("UDP", null, "metrics", null),
                new KubeNetworkPolicy.PortSpec("SCTP", 30000, null, 32767),
                new KubeNetworkPolicy.PortSpec(null, 443, null, null),
                new KubeNetworkPolicy.PortSpec("TCP", null, null, null),
                new KubeNetworkPolicy.PortSpec(null, null, null, null));
        assertThat(np.ingress().get(0).peers()).hasSize(5);
        assertThat(np.ingress().get(1)).isEqualTo(new KubeNetworkPolicy.RuleSpec(List.of(), List.of()));
        assertThat(np.podSelector().matchExpressions()).hasSize(4);
        assertThat(np.creationTimestamp()).isEqualTo("2024-01-02T03:04:05Z");
    }
}
