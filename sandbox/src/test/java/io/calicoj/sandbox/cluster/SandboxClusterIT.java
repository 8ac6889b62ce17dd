package io.calicoj.sandbox.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.exec.Command;
import io.calicoj.exec.ProcessCommandRunner;
import io.calicoj.model.IpAddress;
import io.calicoj.model.Protocol;
import io.calicoj.sandbox.conformance.PodRef;
import io.calicoj.sandbox.conformance.Prober;
import io.calicoj.sandbox.conformance.ReachabilityMatrix;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A sandbox without policy agents: real CNI ADD on two nodes, cross-node traffic, the kubelet's
 * status updates, and cleanup that leaves nothing behind.
 */
class SandboxClusterIT {

    @Test
    void podsOnTwoNodesReachEachOtherAndClosingRemovesEverything() throws Exception {
        Path root = Files.createTempDirectory("cj-sandbox-it-");
        Files.delete(root);
        SandboxDir dir = new SandboxDir(root);
        String prefix;
        List<Long> processes;
        try (SandboxCluster cluster = SandboxCluster.start(dir,
                new SandboxCluster.Options(2, false, Map.of(), Duration.ofSeconds(60)));
             Prober prober = new Prober(cluster)) {
            prefix = cluster.prefix();
            var k = cluster.client();
            k.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("demo").endMetadata().build()).create();
            assertThat(k.namespaces().withName("demo").get().getMetadata().getLabels())
                    .containsEntry("kubernetes.io/metadata.name", "demo");
            for (String name : List.of("a", "b")) {
                k.pods().resource(new PodBuilder().withNewMetadata().withNamespace("demo").withName(name).endMetadata()
                        .withNewSpec().addNewContainer().withName("c").withImage("none").addNewPort().withContainerPort(80)
                        .withProtocol("TCP").endPort().endContainer().endSpec().build()).create();
            }
            Map<PodRef, IpAddress> ips = awaitIps(cluster, List.of(new PodRef("demo", "a"), new PodRef("demo", "b")));
            assertThat(cluster.pods().get("demo/a").node()).isNotEqualTo(cluster.pods().get("demo/b").node());
            Pod a = k.pods().inNamespace("demo").withName("a").get();
            assertThat(a.getMetadata().getAnnotations()).containsEntry("cni.projectcalico.org/podIP",
                    ips.get(new PodRef("demo", "a")) + "/32");
            ReachabilityMatrix m = prober.measure(ips.keySet(), ips.keySet(), ips, 80, Protocol.TCP);
            assertThat(m.get(new PodRef("demo", "a"), new PodRef("demo", "b"))).isTrue();
            assertThat(m.get(new PodRef("demo", "b"), new PodRef("demo", "a"))).isTrue();
            processes = new SandboxProcesses(root.toString()).findOurs();
            assertThat(processes).isNotEmpty();
        }
        assertThat(Files.exists(root)).isFalse();
        String namespaces = new ProcessCommandRunner().run(Command.of("ip", "netns", "list")).stdout();
        assertThat(namespaces).doesNotContain(prefix);
        for (long pid : processes) {
            assertThat(ProcessHandle.of(pid)).isEmpty();
        }
    }

    private static Map<PodRef, IpAddress> awaitIps(SandboxCluster cluster, List<PodRef> pods) throws InterruptedException {
        Instant end = Instant.now().plus(Duration.ofSeconds(90));
        while (true) {
            Map<PodRef, IpAddress> ips = new LinkedHashMap<>();
            for (PodRef p : pods) {
                SandboxCluster.PodInfo info = cluster.pods().get(p.toString());
                if (info != null) {
                    ips.put(p, IpAddress.parse(info.ip()));
                }
            }
            if (ips.size() == pods.size()) {
                return ips;
            }
            assertThat(Instant.now()).as("pods running: %s", Set.copyOf(cluster.pods().keySet())).isBefore(end);
            Thread.sleep(100);
        }
    }
}
