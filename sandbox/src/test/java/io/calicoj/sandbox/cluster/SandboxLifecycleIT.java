package io.calicoj.sandbox.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.exec.Command;
import io.calicoj.exec.CommandFailedException;
import io.calicoj.exec.CommandResult;
import io.calicoj.exec.ProcessCommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sandbox as a user drives it, through its launchers: {@code up}, {@code env}, kubectl and
 * calicoctl against it, {@code status}, {@code exec}, and {@code down} — which must leave the
 * machine as it found it, after a normal run and after {@code kill -9} of the sandbox process.
 */
class SandboxLifecycleIT {

    private final ProcessCommandRunner runner = new ProcessCommandRunner(Duration.ofMinutes(5));
    private Path dir;
    private Path home;
    private MachineState before;
    private String prefix;

    /**
     * What a sandbox must not leave behind: namespaces, root-namespace links, rules and sets, and processes.
     * Namespaces and links are compared by this sandbox's prefix only: other tests and sandboxes on the
     * machine may add and remove their own meanwhile, which says nothing about this one.
     */
    record MachineState(List<String> namespaces, List<String> links, List<String> iptablesRules, List<String> ipsets) {
    }

    private MachineState machine() throws CommandFailedException {
        return new MachineState(lines("ip", "netns", "list"), lines("ip", "-o", "link", "show"),
                lines("iptables-save").stream().filter(l -> l.startsWith("-A") || l.startsWith(":")).map(l -> l.replaceAll(" \\[\\d+:\\d+\\]", "")).toList(),
                lines("ipset", "list", "-n"));
    }

    private List<String> lines(String... argv) throws CommandFailedException {
        return runner.runOrThrow(Command.of(argv)).stdout().lines().map(l -> l.replaceAll("\\s+\\d+: ", " ").trim()).toList();
    }

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("cj-lifecycle-");
        Files.delete(dir);
        home = Home.locate();
        before = machine();
    }

    @AfterEach
    void cleanUp() throws Exception {
        SandboxCluster.destroy(new SandboxDir(dir));
    }

    private CommandResult sandbox(String... args) throws CommandFailedException {
        List<String> argv = new ArrayList<>(List.of(home.resolve("bin/calico-sandbox").toString()));
        argv.addAll(List.of(args));
        return runner.run(new Command(argv, "", Map.of("CALICO_SANDBOX_DIR", dir.toString())));
    }

    private Map<String, String> env() throws CommandFailedException {
        CommandResult r = sandbox("env");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        Map<String, String> env = new TreeMap<>();
        r.stdout().lines().filter(l -> l.startsWith("export ")).forEach(l -> {
            String kv = l.substring("export ".length());
            env.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        });
        return env;
    }

    @Test
    void kubectlAndCalicoctlWorkAgainstARunningSandboxAndDownLeavesNothing() throws Exception {
        CommandResult up = sandbox("up", "--nodes", "2");
        assertThat(up.exitCode()).as(up.stdout() + up.stderr()).isZero();
        prefix = SandboxState.read(dir.resolve("state.json")).prefix();
        Map<String, String> env = env();
        assertThat(env).containsKeys("KUBECONFIG", "DATASTORE_TYPE");
        CommandResult applied = runner.run(new Command(List.of("kubectl", "apply", "-f", "-"), """
                apiVersion: v1
                kind: Namespace
                metadata: {name: demo}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: web, namespace: demo, labels: {app: web}}
                spec:
                  containers: [{name: web, image: nginx, ports: [{containerPort: 80}]}]
                """, env));
        assertThat(applied.exitCode()).as(applied.stderr()).isZero();
        awaitPodIp(env);
        CommandResult pods = runner.run(new Command(List.of("kubectl", "get", "pods", "-A"), "", env));
        assertThat(pods.exitCode()).as(pods.stderr()).isZero();
        // The mock API cannot serve kubectl's server-side tables, so kubectl prints NAME and AGE only.
        assertThat(pods.stdout()).contains("demo").contains("web");
        assertThat(runner.run(new Command(List.of("kubectl", "get", "pod", "web", "-n", "demo", "-o",
                "jsonpath={.status.phase}"), "", env)).stdout()).isEqualTo("Running");
        CommandResult weps = runner.run(new Command(List.of(home.resolve("bin/calicoctl").toString(), "get",
                "workloadendpoints"), "", env));
        assertThat(weps.exitCode()).as(weps.stderr()).isZero();
        assertThat(weps.stdout().lines().findFirst().orElse("")).startsWith("HOSTNAME").contains("ORCHESTRATOR")
                .contains("WORKLOAD").contains("NAME");
        assertThat(weps.stdout()).contains("demo.web").contains("k8s").contains("eth0");
        CommandResult status = sandbox("status");
        assertThat(status.stdout()).contains("node-1").contains("node-2").contains("demo/web").contains("yes");
        CommandResult exec = sandbox("exec", "node/node-1", "--", "iptables-save", "-t", "filter");
        assertThat(exec.stdout()).contains("cali-FORWARD");

        CommandResult down = sandbox("down");
        assertThat(down.exitCode()).as(down.stderr()).isZero();
        assertMachineAsBefore();
    }

    @Test
    void downAfterTheSandboxProcessWasKilledLeavesNothing() throws Exception {
        CommandResult up = sandbox("up", "--nodes", "2");
        assertThat(up.exitCode()).as(up.stdout() + up.stderr()).isZero();
        prefix = SandboxState.read(dir.resolve("state.json")).prefix();
        long daemon = Long.parseLong(Files.readString(dir.resolve("ready")).trim());
        ProcessHandle h = ProcessHandle.of(daemon).orElseThrow();
        h.destroyForcibly();
        h.onExit().join();
        assertThat(Files.exists(dir.resolve("state.json"))).as("the killed daemon cleaned nothing").isTrue();
        CommandResult down = sandbox("down");
        assertThat(down.exitCode()).as(down.stderr()).isZero();
        assertMachineAsBefore();
    }

    private void assertMachineAsBefore() throws Exception {
        MachineState after = machine();
        assertThat(prefix).as("the sandbox's prefix").isNotBlank();
        assertThat(ours(after.namespaces())).as("namespaces of sandbox " + prefix).isEqualTo(ours(before.namespaces()));
        assertThat(ours(after.links())).as("root-namespace links of sandbox " + prefix).isEqualTo(ours(before.links()));
        assertThat(after.iptablesRules()).containsExactlyInAnyOrderElementsOf(before.iptablesRules());
        assertThat(after.ipsets()).containsExactlyInAnyOrderElementsOf(before.ipsets());
        assertThat(new SandboxProcesses(dir.toString()).findOurs()).isEmpty();
        assertThat(Files.exists(dir)).isFalse();
    }

    private List<String> ours(List<String> lines) {
        return lines.stream().filter(l -> l.contains(prefix)).sorted().toList();
    }

    private void awaitPodIp(Map<String, String> env) throws Exception {
        Instant end = Instant.now().plus(Duration.ofSeconds(90));
        while (true) {
            CommandResult r = runner.run(new Command(List.of("kubectl", "get", "pod", "web", "-n", "demo", "-o",
                    "jsonpath={.status.podIP}"), "", env));
            if (!r.stdout().isBlank()) {
                return;
            }
            assertThat(Instant.now()).as("waiting for the pod's IP").isBefore(end);
            Thread.sleep(200);
        }
    }
}
