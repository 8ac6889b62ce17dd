package io.calicoj.sandbox.pod;

import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.exec.CommandFailedException;
import io.calicoj.exec.ProcessCommandRunner;
import io.calicoj.sandbox.net.Netns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two pod agents in two namespaces joined by a veth: probes succeed, fail on unserved ports and under a DROP rule. */
class PodAgentIT {

    @TempDir
    Path dir;

    private final Netns netns = new Netns(new ProcessCommandRunner(Duration.ofSeconds(30)));
    private final String prefix = "cj" + UUID.randomUUID().toString().substring(0, 6);
    private final String a = prefix + "-pa";
    private final String b = prefix + "-pb";
    private Process agentA;
    private Process agentB;

    @BeforeEach
    void setUp() throws Exception {
        netns.create(a);
        netns.create(b);
        netns.veth(a, "eth0", b, "eth0");
        netns.ip(a, "addr", "add", "10.99.0.1/24", "dev", "eth0");
        netns.ip(b, "addr", "add", "10.99.0.2/24", "dev", "eth0");
        agentA = startAgent(a, dir.resolve("a.sock"), "80/TCP,53/UDP");
        agentB = startAgent(b, dir.resolve("b.sock"), "80/TCP,53/UDP");
    }

    private Process startAgent(String ns, Path socket, String serve) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of("ip", "netns", "exec", ns, java, "-cp", System.getProperty("java.class.path"),
                "io.calicoj.sandbox.CalicoSandbox", "pod-agent", "--socket", socket.toString(), "--serve", serve))
                .redirectErrorStream(true).redirectOutput(dir.resolve(ns + ".log").toFile()).start();
        PodAgentClient c = new PodAgentClient(socket);
        Instant end = Instant.now().plusSeconds(30);
        while (!c.isUp()) {
            assertThat(Instant.now()).as("agent in %s did not start: %s", ns, Files.exists(dir.resolve(ns + ".log"))
                    ? Files.readString(dir.resolve(ns + ".log")) : "").isBefore(end);
            Thread.sleep(50);
        }
        return p;
    }

    @AfterEach
    void tearDown() throws CommandFailedException {
        for (Process p : new Process[] {agentA, agentB}) {
            if (p != null) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
        netns.deleteIfPresent(a);
        netns.deleteIfPresent(b);
    }

    @Test
    void probesConnectFromInsideTheSourcePod() throws Exception {
        PodAgentClient fromA = new PodAgentClient(dir.resolve("a.sock"));
        assertThat(fromA.probe("10.99.0.2", 80, "TCP", 1000).connected()).isTrue();
        assertThat(fromA.probe("10.99.0.2", 53, "UDP", 1000).connected()).isTrue();
        assertThat(fromA.probe("10.99.0.2", 81, "TCP", 1000).connected()).isFalse();
        assertThat(fromA.probe("10.99.0.2", 54, "UDP", 500).connected()).isFalse();
    }

    @Test
    void aDroppedConnectionTimesOut() throws Exception {
        netns.exec(b, List.of("iptables", "-w", "-A", "INPUT", "-p", "tcp", "--dport", "80", "-j", "DROP"));
        PodAgentClient.ProbeResult r = new PodAgentClient(dir.resolve("a.sock")).probe("10.99.0.2", 80, "TCP", 500);
        assertThat(r.connected()).isFalse();
        assertThat(r.detail()).isEqualTo("timeout");
    }
}
