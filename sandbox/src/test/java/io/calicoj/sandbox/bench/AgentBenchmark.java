package io.calicoj.sandbox.bench;

import io.calicoj.exec.Command;
import io.calicoj.exec.CommandResult;
import io.calicoj.exec.ProcessCommandRunner;
import io.calicoj.sandbox.cluster.SandboxCluster;
import io.calicoj.sandbox.cluster.SandboxDir;
import io.calicoj.sandbox.pod.PodAgentClient;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Issue 5's benchmarks on a one-node sandbox with a real calico-felix:
 * <ol>
 * <li>policy latency: with 500 pods and 200 policies in the agent's view, the time from a
 *     NetworkPolicy update accepted by the API to the kernel enforcing it (seen by a probe that
 *     flips), p50/p99 over 100 changes; next to a bare {@code iptables-restore --noflush} of a
 *     one-rule delta into the same, fully programmed filter table;</li>
 * <li>throughput: iperf3 between two pods with 1000 policies selecting the server against none.</li>
 * </ol>
 * Usage: {@code AgentBenchmark [changes=100] [pods=500] [policies=200] [throughputPolicies=1000]}.
 */
public final class AgentBenchmark {

    private static final String NS = "bench";

    public static void main(String[] args) throws Exception {
        Map<String, Integer> p = new java.util.HashMap<>(Map.of("changes", 100, "pods", 500, "policies", 200,
                "throughputPolicies", 1000));
        for (String a : args) {
            String[] kv = a.split("=");
            p.put(kv[0], Integer.parseInt(kv[1]));
        }
        Path root = Files.createTempDirectory("cj-agent-bench-");
        Files.delete(root);
        try (SandboxCluster cluster = SandboxCluster.start(new SandboxDir(root),
                new SandboxCluster.Options(1, true, Map.of("FELIX_LOGSEVERITYSCREEN", "warning"), Duration.ofSeconds(120)))) {
            KubernetesClient k = cluster.client();
            k.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
            pod(k, "server", Map.of("app", "web"), 80, "node-1");
            pod(k, "client", Map.of("role", "client"), 0, "node-1");
            awaitPods(cluster, 2);
            remotePods(k, p.get("pods"));
            backgroundPolicies(k, p.get("policies"));
            System.out.printf("setup: %d remote pods and %d policies in the agent's view%n", p.get("pods"), p.get("policies"));
            latency(cluster, k, p.get("changes"));
            bareRestore(cluster);
            throughput(cluster, k, p.get("throughputPolicies"));
        }
    }

    private static void pod(KubernetesClient k, String name, Map<String, String> labels, int port, String node) {
        PodBuilder b = new PodBuilder().withNewMetadata().withNamespace(NS).withName(name).withLabels(labels).endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("c").withImage("none").endContainer().endSpec();
        Pod pod = b.build();
        if (port > 0) {
            pod.getSpec().getContainers().get(0).setPorts(List.of(new io.fabric8.kubernetes.api.model.ContainerPortBuilder()
                    .withContainerPort(port).withProtocol("TCP").build()));
        }
        k.pods().resource(pod).create();
    }

    /** Pods of other nodes: in the agent's view (IP sets) but not run here. */
    private static void remotePods(KubernetesClient k, int count) {
        for (int i = 0; i < count; i++) {
            Pod pod = new PodBuilder().withNewMetadata().withNamespace(NS).withName("remote-" + i)
                    .withLabels(Map.of("app", "app-" + (i % 20), "tier", i % 2 == 0 ? "front" : "back")).endMetadata()
                    .withNewSpec().withNodeName("node-remote-" + (i % 10)).addNewContainer().withName("c").withImage("none")
                    .endContainer().endSpec().build();
            k.pods().resource(pod).create();
            String ip = "10.250." + (i / 250) + "." + (i % 250 + 1);
            k.pods().inNamespace(NS).withName(pod.getMetadata().getName()).editStatus(x -> {
                x.setStatus(new io.fabric8.kubernetes.api.model.PodStatus());
                x.getStatus().setPhase("Running");
                x.getStatus().setPodIP(ip);
                x.getStatus().setPodIPs(List.of(new PodIP(ip)));
                return x;
            });
        }
    }

    private static NetworkPolicy policy(String name, Map<String, String> podSelector, Map<String, String> from, int port) {
        NetworkPolicyPeer peer = new NetworkPolicyPeer();
        peer.setPodSelector(new LabelSelectorBuilder().withMatchLabels(from).build());
        NetworkPolicyIngressRule rule = new NetworkPolicyIngressRule();
        rule.setFrom(List.of(peer));
        NetworkPolicyPort np = new NetworkPolicyPort();
        np.setPort(new IntOrString(port));
        np.setProtocol("TCP");
        rule.setPorts(List.of(np));
        NetworkPolicySpec spec = new NetworkPolicySpec();
        spec.setPodSelector(new LabelSelectorBuilder().withMatchLabels(podSelector).build());
        spec.setIngress(List.of(rule));
        NetworkPolicy p = new NetworkPolicy();
        p.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName(name).build());
        p.setSpec(spec);
        return p;
    }

    /** Policies over the remote pods; every fifth also selects the local server (so it is active here). */
    private static void backgroundPolicies(KubernetesClient k, int count) {
        for (int i = 0; i < count; i++) {
            Map<String, String> selects = i % 5 == 0 ? Map.of("app", "web") : Map.of("app", "app-" + (i % 20));
            k.resource(policy("bg-" + i, selects, Map.of("tier", i % 2 == 0 ? "front" : "back"), 1000 + i)).create();
        }
    }

    private static void latency(SandboxCluster cluster, KubernetesClient k, int changes) throws Exception {
        String serverIp = cluster.pods().get(NS + "/server").ip();
        PodAgentClient client = cluster.agent(NS, "client");
        // The flipping policy: server accepts the client on 80, or (flipped) on 81 only.
        k.resource(policy("flip", Map.of("app", "web"), Map.of("role", "client"), 80)).createOr(NonDeletingOperation::update);
        awaitReach(client, serverIp, true, Duration.ofSeconds(60));
        List<Long> micros = new ArrayList<>();
        boolean allowed = true;
        for (int i = 0; i < changes; i++) {
            allowed = !allowed;
            NetworkPolicy np = policy("flip", Map.of("app", "web"), Map.of("role", "client"), allowed ? 80 : 81);
            k.resource(np).update();
            Instant written = Instant.now();
            awaitReach(client, serverIp, allowed, Duration.ofSeconds(30));
            micros.add(Duration.between(written, Instant.now()).toNanos() / 1000);
        }
        Collections.sort(micros);
        System.out.printf("policy change in the API → enforced in the kernel, %d changes: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms,"
                        + " max %.1f ms%n", changes, pct(micros, 50), pct(micros, 90), pct(micros, 99),
                micros.get(micros.size() - 1) / 1000.0);
    }

    private static void awaitReach(PodAgentClient client, String ip, boolean want, Duration timeout) throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        while (client.probe(ip, 80, "TCP", 25).connected() != want) {
            if (Instant.now().isAfter(end)) {
                throw new IllegalStateException("the policy change was not enforced within " + timeout);
            }
        }
    }

    /** The floor: iptables-restore --noflush of a one-rule delta into the node's programmed filter table. */
    private static void bareRestore(SandboxCluster cluster) throws Exception {
        String rules = cluster.execOnNode("node-1", List.of("iptables-save", "-t", "filter")).stdout();
        long count = rules.lines().filter(l -> l.startsWith("-A ")).count();
        cluster.execOnNode("node-1", List.of("iptables", "-w", "-N", "bench-delta"));
        List<Long> micros = new ArrayList<>();
        ProcessCommandRunner runner = new ProcessCommandRunner();
        String netns = cluster.prefix() + "-n1";
        for (int i = 0; i < 100; i++) {
            String input = "*filter\n-A bench-delta -p tcp --dport " + (2000 + i) + " -j ACCEPT\n"
                    + (i > 0 ? "-D bench-delta 1\n" : "") + "COMMIT\n";
            Instant t = Instant.now();
            CommandResult r = runner.run(Command.of("ip", "netns", "exec", netns, "iptables-restore", "--noflush", "-w")
                    .withStdin(input));
            micros.add(Duration.between(t, Instant.now()).toNanos() / 1000);
            if (!r.succeeded()) {
                throw new IllegalStateException("iptables-restore failed: " + r.stderr());
            }
        }
        cluster.execOnNode("node-1", List.of("iptables", "-w", "-F", "bench-delta"));
        cluster.execOnNode("node-1", List.of("iptables", "-w", "-X", "bench-delta"));
        Collections.sort(micros);
        System.out.printf("bare iptables-restore --noflush of a one-rule delta (filter table of %d rules): p50 %.1f ms,"
                + " p99 %.1f ms%n", count, pct(micros, 50), pct(micros, 99));
    }

    private static void throughput(SandboxCluster cluster, KubernetesClient k, int policies) throws Exception {
        k.network().v1().networkPolicies().inNamespace(NS).delete();
        String serverNs = cluster.pods().get(NS + "/server").netns();
        String clientNs = cluster.pods().get(NS + "/client").netns();
        String serverIp = cluster.pods().get(NS + "/server").ip();
        PodAgentClient client = cluster.agent(NS, "client");
        awaitReach(client, serverIp, true, Duration.ofSeconds(60));
        double none = iperf(serverNs, clientNs, serverIp);
        for (int i = 0; i < policies; i++) {
            k.resource(policy("tp-" + i, Map.of("app", "web"), Map.of("role", i == policies - 1 ? "client" : "nobody-" + i),
                    i == policies - 1 ? 5201 : 10000 + i)).create();
        }
        // Wait until the last policy (the one allowing the client on iperf's port) is enforced.
        Instant end = Instant.now().plus(Duration.ofSeconds(120));
        while (!allPoliciesIn(cluster, policies)) {
            if (Instant.now().isAfter(end)) {
                throw new IllegalStateException("the " + policies + " policies were not programmed within 120 s");
            }
            Thread.sleep(500);
        }
        double with = iperf(serverNs, clientNs, serverIp);
        System.out.printf("iperf3 pod→pod: %.2f Gbit/s with no policy, %.2f Gbit/s with %d policies selecting the server"
                + " (%.1f %%)%n", none, with, policies, 100 * with / none);
    }

    private static boolean allPoliciesIn(SandboxCluster cluster, int policies) throws Exception {
        String save = cluster.execOnNode("node-1", List.of("iptables-save", "-t", "filter")).stdout();
        return save.lines().filter(l -> l.startsWith(":cali-pi-")).count() >= policies;
    }

    private static double iperf(String serverNs, String clientNs, String serverIp) throws Exception {
        Process server = new ProcessBuilder("ip", "netns", "exec", serverNs, "iperf3", "-s", "-1").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Thread.sleep(500);
            CommandResult r = new ProcessCommandRunner().run(Command.of("ip", "netns", "exec", clientNs, "iperf3", "-c",
                    serverIp, "-t", "5", "-J"));
            if (!r.succeeded()) {
                throw new IllegalStateException("iperf3 failed: " + r.stdout() + r.stderr());
            }
            var json = tools.jackson.databind.json.JsonMapper.builder().build().readTree(r.stdout());
            return json.path("end").path("sum_received").path("bits_per_second").asDouble() / 1e9;
        } finally {
            server.destroyForcibly();
        }
    }

    private static void awaitPods(SandboxCluster cluster, int n) throws InterruptedException {
        Instant end = Instant.now().plus(Duration.ofSeconds(120));
        while (cluster.pods().size() < n) {
            if (Instant.now().isAfter(end)) {
                throw new IllegalStateException("pods not running");
            }
            Thread.sleep(100);
        }
    }

    private static double pct(List<Long> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, i)) / 1000.0;
    }
}
