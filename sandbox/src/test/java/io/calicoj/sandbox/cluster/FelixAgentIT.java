package io.calicoj.sandbox.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.exec.CommandFailedException;
import io.calicoj.sandbox.pod.PodAgentClient;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A real calico-felix in a node namespace against the sandbox's API server, three pods on veths
 * the Calico way (made by the real CNI plugin), and real connections: enforcement follows policy,
 * survives {@code kill -9}, restarts without an open window, repairs hand-made damage, and isolates
 * a new pod before its first packet.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FelixAgentIT {

    private static final String NS = "app";
    private static final Duration REFRESH = Duration.ofSeconds(5);

    private SandboxCluster cluster;
    private KubernetesClient k;

    @BeforeAll
    void start() throws Exception {
        Path root = Files.createTempDirectory("cj-felix-it-");
        Files.delete(root);
        cluster = SandboxCluster.start(new SandboxDir(root), new SandboxCluster.Options(1, true,
                Map.of("FELIX_IPTABLESREFRESHINTERVAL", Long.toString(REFRESH.toSeconds())), Duration.ofSeconds(120)));
        k = cluster.client();
        k.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
        pod("server", Map.of("app", "web"));
        pod("friend", Map.of("role", "friend"));
        pod("stranger", Map.of("role", "stranger"));
        await("pods running", () -> cluster.pods().size() == 3, Duration.ofSeconds(90));
    }

    @AfterAll
    void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void noPolicies() throws Exception {
        k.network().v1().networkPolicies().inNamespace(NS).delete();
        await("everything open", () -> reaches("friend", "server") && reaches("stranger", "server"), Duration.ofSeconds(20));
    }

    private void pod(String name, Map<String, String> labels) {
        k.pods().resource(new PodBuilder().withNewMetadata().withNamespace(NS).withName(name).withLabels(labels).endMetadata()
                .withNewSpec().withNodeName("node-1").addNewContainer().withName("c").withImage("none").addNewPort()
                .withContainerPort(80).withProtocol("TCP").endPort().endContainer().endSpec().build()).create();
    }

    private boolean reaches(String from, String to) {
        SandboxCluster.PodInfo target = cluster.pods().get(NS + "/" + to);
        if (target == null) {
            return false;
        }
        PodAgentClient agent = cluster.agent(NS, from);
        return agent.probe(target.ip(), 80, "TCP", 500).connected();
    }

    /** Web pods accept only pods labelled {@code role=<role>}. */
    private void allowOnly(String role, Map<String, String> podSelector, String name) {
        NetworkPolicyPeer peer = new NetworkPolicyPeer();
        peer.setPodSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("role", role)).build());
        NetworkPolicyIngressRule rule = new NetworkPolicyIngressRule();
        rule.setFrom(List.of(peer));
        NetworkPolicySpec spec = new NetworkPolicySpec();
        spec.setPodSelector(new LabelSelectorBuilder().withMatchLabels(podSelector).build());
        spec.setIngress(List.of(rule));
        NetworkPolicy np = new NetworkPolicy();
        np.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName(name).build());
        np.setSpec(spec);
        k.resource(np).createOr(NonDeletingOperation::update);
    }

    private static void await(String what, BooleanSupplier condition, Duration timeout) throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waiting for " + what).isBefore(end);
            Thread.sleep(100);
        }
    }

    @Test
    void connectivityFollowsPolicyCreateUpdateAndDelete() throws Exception {
        allowOnly("friend", Map.of("app", "web"), "web");
        await("friend only", () -> reaches("friend", "server") && !reaches("stranger", "server"), Duration.ofSeconds(20));
        allowOnly("stranger", Map.of("app", "web"), "web");
        await("stranger only", () -> !reaches("friend", "server") && reaches("stranger", "server"), Duration.ofSeconds(20));
        k.network().v1().networkPolicies().inNamespace(NS).withName("web").delete();
        await("open again", () -> reaches("friend", "server") && reaches("stranger", "server"), Duration.ofSeconds(20));
    }

    @Test
    void killingTheAgentLeavesEnforcementAsItWasAndARestartOpensNoWindow() throws Exception {
        allowOnly("friend", Map.of("app", "web"), "web");
        await("friend only", () -> reaches("friend", "server") && !reaches("stranger", "server"), Duration.ofSeconds(20));
        cluster.killFelix("node-1");
        Instant end = Instant.now().plus(Duration.ofSeconds(3));
        while (Instant.now().isBefore(end)) {
            assertThat(reaches("stranger", "server")).as("stranger while the agent is dead").isFalse();
            assertThat(reaches("friend", "server")).as("friend while the agent is dead").isTrue();
        }
        cluster.startFelix("node-1");
        Instant restartEnd = Instant.now().plus(Duration.ofSeconds(20));
        int probes = 0;
        while (Instant.now().isBefore(restartEnd)) {
            assertThat(reaches("stranger", "server")).as("stranger during the restart (probe %d)", probes).isFalse();
            probes++;
        }
        cluster.awaitFelixReady(Duration.ofSeconds(30));
        assertThat(reaches("friend", "server")).isTrue();
        assertThat(probes).isGreaterThan(10);
    }

    @Test
    void aRuleDeletedByHandComesBackWithinTheRefreshInterval() throws Exception {
        allowOnly("friend", Map.of("app", "web"), "web");
        await("friend only", () -> reaches("friend", "server") && !reaches("stranger", "server"), Duration.ofSeconds(20));
        String chain = policyChain();
        cluster.execOnNode("node-1", List.of("iptables", "-w", "-F", chain));
        Instant flushed = Instant.now();
        assertThat(reaches("friend", "server")).as("the allow rule is gone").isFalse();
        await("the rule restored", () -> reaches("friend", "server"), REFRESH.multipliedBy(3));
        assertThat(Duration.between(flushed, Instant.now())).isLessThanOrEqualTo(REFRESH.multipliedBy(2));
    }

    @Test
    void aNewPodUnderAnExistingPolicyIsReachableByNobodyItDoesNotAllow() throws Exception {
        allowOnly("friend", Map.of("app", "late"), "late");
        pod("late", Map.of("app", "late"));
        await("the late pod's address", () -> cluster.pods().containsKey(NS + "/late"), Duration.ofSeconds(60));
        boolean friendGotIn = false;
        Instant end = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(end) && !friendGotIn) {
            assertThat(reaches("stranger", "late")).as("stranger reaching the new pod").isFalse();
            friendGotIn = reaches("friend", "late");
        }
        assertThat(friendGotIn).as("friend eventually reaches the new pod").isTrue();
        k.pods().inNamespace(NS).withName("late").delete();
        await("late pod gone", () -> !cluster.pods().containsKey(NS + "/late"), Duration.ofSeconds(30));
    }

    private String policyChain() throws CommandFailedException {
        for (String line : cluster.execOnNode("node-1", List.of("iptables-save", "-t", "filter")).stdout().split("\n")) {
            if (line.startsWith(":cali-pi-")) {
                return line.substring(1, line.indexOf(' '));
            }
        }
        throw new AssertionError("no cali-pi- chain in the node's filter table");
    }
}
