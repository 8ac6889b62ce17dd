package io.calicoj.sandbox;

import io.calicoj.model.IpAddress;
import io.calicoj.model.Protocol;
import io.calicoj.sandbox.cluster.SandboxCluster;
import io.calicoj.sandbox.cluster.SandboxDir;
import io.calicoj.sandbox.conformance.PodRef;
import io.calicoj.sandbox.conformance.Prober;
import io.calicoj.sandbox.conformance.ReachabilityMatrix;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code calico-sandbox demo}: Calico's "simple policy" tutorial on a sandbox, each step measured
 * with real packets: a namespace with an nginx-like server and two client pods; open; default
 * deny; allow from pods labelled {@code run=access}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Walk through Calico's simple-policy tutorial on a fresh sandbox, measuring each step with real packets.")
final class DemoCommand implements Callable<Integer> {

    private static final String NS = "policy-demo";
    private static final PodRef NGINX = new PodRef(NS, "nginx");
    private static final PodRef ACCESS = new PodRef(NS, "access");
    private static final PodRef CANT = new PodRef(NS, "cant-access");

    @Option(names = "--nodes", defaultValue = "2", description = "Number of nodes. Default: ${DEFAULT-VALUE}.")
    int nodes;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        SandboxDir dir = new SandboxDir(Files.createTempDirectory("calico-sandbox-demo-"));
        Files.delete(dir.root());
        out.println("== Bringing up a " + nodes + "-node sandbox: nodes are network namespaces, each runs calico-felix");
        Instant t0 = Instant.now();
        int mismatches = 0;
        try (SandboxCluster cluster = SandboxCluster.start(dir, SandboxCluster.Options.defaults(nodes));
             Prober prober = new Prober(cluster)) {
            out.println("   ready in " + Duration.between(t0, Instant.now()).toSeconds() + " s");
            KubernetesClient k = cluster.client();
            out.println();
            out.println("== Create namespace " + NS + ", an nginx pod serving 80/TCP and two client pods");
            k.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
            createPod(k, NGINX, "nginx", "node-1", true);
            createPod(k, ACCESS, "access", "node-" + Math.min(2, nodes), false);
            createPod(k, CANT, "cant-access", "node-1", false);
            Map<PodRef, IpAddress> ips = awaitPods(cluster, List.of(NGINX, ACCESS, CANT));
            ips.forEach((p, ip) -> out.println("   " + p + " " + ip + " on " + cluster.pods().get(p.toString()).node()));

            mismatches += step(prober, ips, "1. No policy yet: every pod reaches nginx", true, true);

            out.println("== kubectl create -f - <<EOF  (NetworkPolicy default-deny: select every pod, allow no ingress)");
            k.resource(policy("default-deny", Map.of(), null)).create();
            mismatches += step(prober, ips, "2. Default deny: nobody reaches nginx", false, false);

            out.println("== kubectl create -f - <<EOF  (NetworkPolicy access-nginx: pods run=nginx accept pods run=access)");
            k.resource(policy("access-nginx", Map.of("run", "nginx"), Map.of("run", "access"))).create();
            mismatches += step(prober, ips, "3. Allow from run=access: access reaches nginx, cant-access does not", true, false);

            out.println("== Tear down");
        }
        out.println(mismatches == 0 ? "Every step behaved as the tutorial says." : mismatches + " step(s) differed from the tutorial.");
        return mismatches == 0 ? 0 : 1;
    }

    private static void createPod(KubernetesClient k, PodRef ref, String run, String node, boolean serves) {
        Container c = new ContainerBuilder().withName(run).withImage(serves ? "nginx" : "busybox").build();
        if (serves) {
            c.setPorts(List.of(new ContainerPortBuilder().withName("http").withContainerPort(80).withProtocol("TCP").build()));
        }
        k.pods().resource(new PodBuilder().withNewMetadata().withNamespace(ref.namespace()).withName(ref.name())
                .addToLabels("run", run).endMetadata().withNewSpec().withNodeName(node).withContainers(c).endSpec()
                .build()).create();
    }

    private static NetworkPolicy policy(String name, Map<String, String> podSelector, Map<String, String> from) {
        NetworkPolicySpec spec = new NetworkPolicySpec();
        spec.setPodSelector(new LabelSelectorBuilder().withMatchLabels(podSelector).build());
        if (from != null) {
            NetworkPolicyPeer peer = new NetworkPolicyPeer();
            peer.setPodSelector(new LabelSelectorBuilder().withMatchLabels(from).build());
            NetworkPolicyIngressRule rule = new NetworkPolicyIngressRule();
            rule.setFrom(List.of(peer));
            spec.setIngress(List.of(rule));
        }
        NetworkPolicy np = new NetworkPolicy();
        np.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName(name).build());
        np.setSpec(spec);
        return np;
    }

    private static Map<PodRef, IpAddress> awaitPods(SandboxCluster cluster, List<PodRef> pods) throws InterruptedException {
        Instant end = Instant.now().plus(Duration.ofSeconds(120));
        while (true) {
            Map<PodRef, IpAddress> ips = new LinkedHashMap<>();
            for (PodRef p : pods) {
                SandboxCluster.PodInfo info = cluster.pods().get(p.toString());
                Pod api = cluster.client().pods().inNamespace(p.namespace()).withName(p.name()).get();
                if (info != null && api.getStatus() != null && info.ip().equals(api.getStatus().getPodIP())) {
                    ips.put(p, IpAddress.parse(info.ip()));
                }
            }
            if (ips.size() == pods.size()) {
                return ips;
            }
            if (Instant.now().isAfter(end)) {
                throw new IllegalStateException("pods not running after 120 s");
            }
            Thread.sleep(100);
        }
    }

    /** Measures until the tutorial's expectation holds (or 20 s pass) and prints the table; 1 if it differed. */
    private int step(Prober prober, Map<PodRef, IpAddress> ips, String title, boolean accessExpected, boolean cantExpected)
            throws InterruptedException {
        Instant start = Instant.now();
        Instant end = start.plus(Duration.ofSeconds(20));
        ReachabilityMatrix m;
        boolean access;
        boolean cant;
        do {
            m = prober.measure(Set.of(ACCESS, CANT), Set.of(NGINX), ips, 80, Protocol.TCP);
            access = m.get(ACCESS, NGINX);
            cant = m.get(CANT, NGINX);
        } while ((access != accessExpected || cant != cantExpected) && Instant.now().isBefore(end) && pause());
        long ms = Duration.between(start, Instant.now()).toMillis();
        out.println();
        out.println("   " + title);
        out.printf("   %-26s %-20s %-9s %s%n", "FROM", "TO", "80/TCP", "TUTORIAL");
        out.printf("   %-26s %-20s %-9s %s%n", ACCESS, NGINX, verdict(access), verdict(accessExpected));
        out.printf("   %-26s %-20s %-9s %s%n", CANT, NGINX, verdict(cant), verdict(cantExpected));
        boolean ok = access == accessExpected && cant == cantExpected;
        out.println("   " + (ok ? "as expected (measured after " + ms + " ms)" : "DIFFERS from the tutorial"));
        out.println();
        return ok ? 0 : 1;
    }

    private static boolean pause() throws InterruptedException {
        Thread.sleep(200);
        return true;
    }

    private static String verdict(boolean allowed) {
        return allowed ? "allowed" : "denied";
    }
}
