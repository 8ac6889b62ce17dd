package io.calicoj.cli;

import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * A Kubernetes API server for end-to-end runs of calicoctl: fabric8's mock server in CRUD mode on
 * 127.0.0.1 (plain HTTP, any token accepted), with helpers to create namespaces, pods (with their
 * IPs in the status, as a kubelet reports them), network policies and nodes.
 */
public final class MockKubernetes implements AutoCloseable {

    /** The mock server logs every request at INFO through java.util.logging; kept referenced so the level sticks. */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    private MockKubernetes(KubernetesMockServer server) {
        this.server = server;
        this.client = server.createClient();
    }

    public static MockKubernetes start() {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        return new MockKubernetes(server);
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://" + server.getHostName() + ":" + server.getPort();
    }

    public KubernetesClient client() {
        return client;
    }

    public MockKubernetes namespace(String name, Map<String, String> labels) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels)
                .endMetadata().build()).create();
        return this;
    }

    public MockKubernetes pod(String namespace, String name, String node, String ip, Map<String, String> labels) {
        client.pods().inNamespace(namespace).resource(new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels).endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("main").withImage("nginx")
                .withPorts(new ContainerPortBuilder().withName("http").withContainerPort(80).build()).endContainer()
                .endSpec()
                .withNewStatus().withPhase("Running").withPodIP(ip).addNewPodIP().withIp(ip).endPodIP().endStatus()
                .build()).create();
        return this;
    }

    /** A policy allowing TCP/{@code port} into pods labelled {@code role=<role>} from pods labelled {@code role=frontend}. */
    public MockKubernetes networkPolicy(String namespace, String name, String role, int port) {
        client.network().v1().networkPolicies().inNamespace(namespace).resource(new NetworkPolicyBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withNewPodSelector().addToMatchLabels("role", role).endPodSelector()
                .addNewIngress().addNewFrom().withNewPodSelector().addToMatchLabels("role", "frontend").endPodSelector()
                .endFrom().addNewPort().withProtocol("TCP").withNewPort(port).endPort().endIngress()
                .withPolicyTypes("Ingress").endSpec().build()).create();
        return this;
    }

    public MockKubernetes node(String name, String internalIp, String podCidr) {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withPodCIDR(podCidr).endSpec()
                .withNewStatus().addNewAddress().withType("InternalIP").withAddress(internalIp).endAddress().endStatus()
                .build()).create();
        return this;
    }

    /** A kubeconfig for this server with a bearer token. */
    public Path kubeconfig(Path dir, String token) throws IOException {
        Path file = dir.resolve("kubeconfig");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: %s
                contexts:
                - name: mock
                  context:
                    cluster: mock
                    user: calicoctl
                current-context: mock
                users:
                - name: calicoctl
                  user:
                    token: %s
                """.formatted(url(), token));
        return file;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
