package io.calicoj.datastore.kubernetes.bench;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A synthetic but realistic cluster: pods as a Deployment's ReplicaSet creates them (labels,
 * annotations, owner reference, managed fields, one or two containers with ports, resources and
 * probes, status with conditions and pod IPs), namespaces, policies and nodes.
 */
final class BenchCluster {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    final List<Namespace> namespaces = new ArrayList<>();
    final List<Pod> pods = new ArrayList<>();
    final List<NetworkPolicy> policies = new ArrayList<>();
    final List<Node> nodes = new ArrayList<>();

    BenchCluster(int namespaceCount, int podCount, int policyCount, int nodeCount) {
        for (int n = 0; n < nodeCount; n++) {
            nodes.add(node(n));
        }
        for (int i = 0; i < namespaceCount; i++) {
            namespaces.add(new NamespaceBuilder().withNewMetadata().withName(ns(i)).withUid(uid(1, i))
                    .withResourceVersion(String.valueOf(1000 + i))
                    .addToLabels("kubernetes.io/metadata.name", ns(i)).addToLabels("team", "team-" + (i % 7))
                    .addToLabels("env", i % 3 == 0 ? "prod" : "dev").endMetadata().build());
        }
        for (int i = 0; i < podCount; i++) {
            pods.add(pod(i, namespaceCount, nodeCount));
        }
        for (int i = 0; i < policyCount; i++) {
            policies.add(policy(i, namespaceCount));
        }
    }

    private static String ns(int i) {
        return "team-" + (i % 7) + "-svc-" + i;
    }

    private static String uid(int kind, int i) {
        return String.format("%08x-1c2d-4e5f-8a9b-%012x", kind, i);
    }

    private static Pod pod(int i, int namespaceCount, int nodeCount) {
        String app = "app-" + (i / 10);
        String hash = Integer.toHexString(0x5f7c9d00 + i / 10);
        String name = app + "-" + hash + "-" + Integer.toString(36 * 36 * 36 + i, 36);
        String ip = "10." + (64 + i / 65536) + "." + ((i / 256) % 256) + "." + (i % 256);
        PodBuilder b = new PodBuilder()
                .withNewMetadata()
                .withName(name).withNamespace(ns(i % namespaceCount)).withUid(uid(2, i))
                .withResourceVersion(String.valueOf(200_000 + i)).withCreationTimestamp("2026-11-20T10:15:30Z")
                .withGenerateName(app + "-" + hash + "-")
                .addToLabels("app", app).addToLabels("pod-template-hash", hash)
                .addToLabels("app.kubernetes.io/version", "1." + (i % 5)).addToLabels("tier", i % 2 == 0 ? "web" : "api")
                .addToLabels("team", "team-" + (i % 7))
                .addToAnnotations("kubectl.kubernetes.io/restartedAt", "2026-11-19T08:00:00Z")
                .addToAnnotations("prometheus.io/scrape", "true")
                .addToAnnotations("cni.projectcalico.org/podIP", ip + "/32")
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet").withName(app + "-" + hash)
                .withUid(uid(3, i / 10)).withController(true).withBlockOwnerDeletion(true).endOwnerReference()
                .withManagedFields(new ManagedFieldsEntryBuilder().withManager("kube-controller-manager")
                        .withOperation("Update").withApiVersion("v1").withTime("2026-11-20T10:15:30Z")
                        .withFieldsType("FieldsV1").build(),
                        new ManagedFieldsEntryBuilder().withManager("kubelet").withOperation("Update")
                                .withApiVersion("v1").withTime("2026-11-20T10:15:35Z").withFieldsType("FieldsV1")
                                .withSubresource("status").build())
                .endMetadata()
                .withNewSpec().withNodeName("node-" + (i % nodeCount)).withServiceAccountName("default")
                .withRestartPolicy("Always").withTerminationGracePeriodSeconds(30L).withDnsPolicy("ClusterFirst")
                .addNewContainer().withName("main").withImage("registry.example.com/" + app + ":1." + (i % 5))
                .addNewPort().withName("http").withContainerPort(8080).withProtocol("TCP").endPort()
                .addNewPort().withName("metrics").withContainerPort(9090).withProtocol("TCP").endPort()
                .addNewEnv().withName("LOG_LEVEL").withValue("info").endEnv()
                .withNewResources().addToRequests("cpu", new Quantity("100m")).addToRequests("memory", new Quantity("128Mi"))
                .addToLimits("memory", new Quantity("256Mi")).endResources()
                .withNewReadinessProbe().withNewHttpGet().withPath("/ready").withPort(new IntOrString("http")).endHttpGet()
                .withPeriodSeconds(10).endReadinessProbe()
                .addNewVolumeMount().withName("kube-api-access").withMountPath("/var/run/secrets/kubernetes.io/serviceaccount")
                .withReadOnly(true).endVolumeMount()
                .endContainer()
                .endSpec()
                .withNewStatus().withPhase("Running").withHostIP("192.168.0." + (i % nodeCount)).withPodIP(ip)
                .addNewPodIP().withIp(ip).endPodIP().withStartTime("2026-11-20T10:15:31Z").withQosClass("Burstable")
                .addNewCondition().withType("Ready").withStatus("True").withLastTransitionTime("2026-11-20T10:15:40Z").endCondition()
                .addNewCondition().withType("ContainersReady").withStatus("True").withLastTransitionTime("2026-11-20T10:15:40Z").endCondition()
                .addNewContainerStatus().withName("main").withReady(true).withRestartCount(0)
                .withImage("registry.example.com/" + app + ":1." + (i % 5))
                .withContainerID("containerd://" + Long.toHexString(0x1234567890abcdefL + i) + "0123456789abcdef")
                .withNewState().withNewRunning().withStartedAt("2026-11-20T10:15:33Z").endRunning().endState()
                .endContainerStatus()
                .endStatus();
        if (i % 3 == 0) {
            b.editSpec().addNewContainer().withName("sidecar").withImage("registry.example.com/proxy:2.1")
                    .addNewPort().withName("proxy").withContainerPort(15001).withProtocol("TCP").endPort()
                    .endContainer().endSpec();
        }
        return b.build();
    }

    private static NetworkPolicy policy(int i, int namespaceCount) {
        NetworkPolicyBuilder b = new NetworkPolicyBuilder().withNewMetadata().withName("allow-" + i)
                .withNamespace(ns(i % namespaceCount)).withUid(uid(4, i)).withResourceVersion(String.valueOf(300_000 + i))
                .withCreationTimestamp("2026-11-20T09:00:00Z").endMetadata()
                .withNewSpec().withNewPodSelector().addToMatchLabels("app", "app-" + (i % 1000)).endPodSelector()
                .addNewIngress()
                .addNewFrom().withNewPodSelector().addToMatchLabels("tier", "web").endPodSelector().endFrom()
                .addNewFrom().withNewNamespaceSelector().addToMatchLabels("team", "team-" + (i % 7)).endNamespaceSelector().endFrom()
                .addNewPort().withProtocol("TCP").withPort(new IntOrString(8080)).endPort()
                .addNewPort().withProtocol("TCP").withPort(new IntOrString("metrics")).endPort()
                .endIngress()
                .withPolicyTypes("Ingress").endSpec();
        if (i % 4 == 0) {
            b.editSpec().addNewEgress().addNewTo().withNewIpBlock().withCidr("10.0.0.0/8").withExcept("10.96.0.0/12")
                    .endIpBlock().endTo().addNewPort().withProtocol("UDP").withPort(new IntOrString(53)).endPort().endEgress()
                    .withPolicyTypes("Ingress", "Egress").endSpec();
        }
        return b.build();
    }

    private static Node node(int n) {
        return new NodeBuilder().withNewMetadata().withName("node-" + n).withUid(uid(5, n)).withResourceVersion("7" + n)
                .addToLabels("kubernetes.io/hostname", "node-" + n).addToLabels("kubernetes.io/os", "linux").endMetadata()
                .withNewSpec().withPodCIDR("10.244." + n + ".0/24").endSpec()
                .withNewStatus().addNewAddress().withType("InternalIP").withAddress("192.168.0." + n).endAddress()
                .addNewAddress().withType("Hostname").withAddress("node-" + n).endAddress().endStatus()
                .build();
    }

    /** A list's JSON, as the API server sends it. */
    static String listJson(String kind, String resourceVersion, List<? extends HasMetadata> items) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("resourceVersion", resourceVersion);
        return "{\"apiVersion\":\"v1\",\"kind\":\"" + kind + "\",\"metadata\":" + JSON.asJson(meta) + ",\"items\":["
                + items.stream().map(JSON::asJson).collect(Collectors.joining(",")) + "]}";
    }

    static String json(Object o) {
        return JSON.asJson(o);
    }

    static <T> T parse(String json, Class<T> type) {
        return JSON.unmarshal(json, type);
    }
}
