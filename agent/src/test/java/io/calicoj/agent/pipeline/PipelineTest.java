package io.calicoj.agent.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.agent.health.HealthAggregator;
import io.calicoj.agent.metrics.AgentMetrics;
import io.calicoj.agent.status.DirectoryStatusFiles;
import io.calicoj.agent.status.EndpointStatusFileReporter;
import io.calicoj.dataplane.Sleeper;
import io.calicoj.dataplane.api.DataplaneProblems;
import io.calicoj.dataplane.api.EndpointStatusListener;
import io.calicoj.dataplane.linux.DataplaneConfig;
import io.calicoj.dataplane.linux.LinuxDataplaneDriver;
import io.calicoj.dataplane.testing.SimulatedKernel;
import io.calicoj.datastore.SyncStatus;
import io.calicoj.datastore.Syncer;
import io.calicoj.datastore.SyncerListener;
import io.calicoj.datastore.Update;
import io.calicoj.datastore.Upsert;
import io.calicoj.model.k8s.KubeLabelSelector;
import io.calicoj.model.k8s.KubeNamespace;
import io.calicoj.model.k8s.KubeNetworkPolicy;
import io.calicoj.model.k8s.KubePod;
import io.calicoj.model.k8s.NamespaceConverter;
import io.calicoj.model.k8s.NetworkPolicyConverter;
import io.calicoj.model.k8s.PodConverter;
import io.calicoj.model.k8s.VethNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's threads end to end in one JVM: a scripted syncer, the real calculation graph and
 * driver, the dataplane's simulated kernel tools.
 */
class PipelineTest {

    private final SimulatedKernel kernel = new SimulatedKernel();
    private final HealthAggregator health = new HealthAggregator(InstantSource.system());
    private final ScriptedSyncer syncer = new ScriptedSyncer();
    private Pipeline pipeline;

    /** A syncer the test drives: it delivers what the test sends, on the test's thread. */
    static final class ScriptedSyncer implements Syncer {
        final AtomicReference<SyncerListener> listener = new AtomicReference<>();

        @Override
        public void start(SyncerListener l) {
            listener.set(l);
        }

        void send(SyncStatus status) {
            listener.get().onStatusUpdated(status);
        }

        void send(List<Update> updates) {
            listener.get().onUpdates(updates);
        }

        @Override
        public void close() {
        }
    }

    private void start() {
        start(EndpointStatusListener.NONE);
    }

    private void start(EndpointStatusListener status) {
        LinuxDataplaneDriver driver = new LinuxDataplaneDriver(DataplaneConfig.defaults().withIptablesBackend("nft"),
                kernel, InstantSource.system(), Sleeper.SYSTEM, DataplaneProblems.NONE, status);
        pipeline = new Pipeline(syncer, "node-1", driver, health, AgentMetrics.NOOP, InstantSource.system());
        pipeline.start();
    }

    @AfterEach
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    private static List<Update> cluster() {
        List<Update> u = new ArrayList<>();
        u.add(Upsert.of(NamespaceConverter.toProfile(new KubeNamespace("x", "u", "1", Map.of()))));
        for (String pod : List.of("a", "b")) {
            u.add(Upsert.of(new PodConverter().toWorkloadEndpoint(new KubePod("x", pod, "u" + pod, "1", "node-1", false,
                    "Running", false, Map.of("pod", pod), List.of(pod.equals("a") ? "10.244.1.2" : "10.244.1.3"), null,
                    null, "", List.of())).orElseThrow()));
        }
        u.add(Upsert.of(NetworkPolicyConverter.toCalico(new KubeNetworkPolicy("x", "deny", "u", "1", "",
                KubeLabelSelector.EMPTY, List.of("Ingress"), List.of(), List.of())).policy()));
        return u;
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant end = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waiting for " + what).isBefore(end);
            Thread.sleep(10);
        }
    }

    @Test
    void theKernelIsNotTouchedBeforeTheDatastoreIsInSync() throws InterruptedException {
        start();
        syncer.send(SyncStatus.RESYNC_IN_PROGRESS);
        syncer.send(cluster());
        Thread.sleep(300);
        assertThat(kernel.commands()).as("commands run before in-sync").isEmpty();
        assertThat(health.ready()).isFalse();
        syncer.send(SyncStatus.IN_SYNC);
        await("the endpoint chains", () -> kernel.nft().chainNames("filter")
                .contains("cali-tw-" + VethNames.hostInterfaceName("x", "a")));
    }

    @Test
    void aPolicyReachesTheKernelAndTheAgentBecomesReady() throws InterruptedException {
        start();
        syncer.send(SyncStatus.RESYNC_IN_PROGRESS);
        syncer.send(cluster());
        syncer.send(SyncStatus.IN_SYNC);
        String tw = "cali-tw-" + VethNames.hostInterfaceName("x", "b");
        await("the endpoint chain", () -> kernel.nft().chainNames("filter").contains(tw));
        assertThat(kernel.nft().rules("filter", tw)).anyMatch(r -> r.contains("cali-pi-"));
        await("readiness", health::ready);
        assertThat(kernel.nft().chainNames("filter")).anyMatch(c -> c.startsWith("cali-pi-"));
    }

    @Test
    void laterChangesAreAppliedIncrementally() throws InterruptedException {
        start();
        syncer.send(SyncStatus.RESYNC_IN_PROGRESS);
        syncer.send(cluster());
        syncer.send(SyncStatus.IN_SYNC);
        await("readiness", health::ready);
        syncer.send(List.of(new io.calicoj.datastore.Deletion(io.calicoj.model.ResourceKey.of(
                io.calicoj.model.ResourceKind.NETWORK_POLICY, "x", "knp.default.deny"))));
        await("the policy chain to go", () -> kernel.nft().chainNames("filter").stream().noneMatch(c -> c.startsWith("cali-pi-")));
    }

    @Test
    void aPodsEndpointStatusFileAppearsOnceItsChainsAreInAndGoesWithThePod(@TempDir Path prefix)
            throws InterruptedException, IOException {
        Path dir = prefix.resolve("endpoint-status");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("k8s x%2Fa eth0"), "{\"ifaceName\":\"stale\"}");
        EndpointStatusFileReporter reporter = new EndpointStatusFileReporter(new DirectoryStatusFiles(dir), InstantSource.system());
        reporter.start();
        assertThat(dir).isEmptyDirectory();
        start(reporter);
        syncer.send(SyncStatus.RESYNC_IN_PROGRESS);
        syncer.send(cluster());
        Thread.sleep(300);
        assertThat(dir).as("nothing before in-sync").isEmptyDirectory();
        syncer.send(SyncStatus.IN_SYNC);
        Path a = dir.resolve("k8s x%2Fa eth0");
        await("a's status file", () -> Files.exists(a));
        assertThat(kernel.nft().chainNames("filter")).contains("cali-tw-" + VethNames.hostInterfaceName("x", "a"));
        assertThat(Files.readString(a)).isEqualTo("{\"ifaceName\":\"" + VethNames.hostInterfaceName("x", "a")
                + "\",\"ipv4Nets\":[\"10.244.1.2/32\"]}");
        syncer.send(List.of(new io.calicoj.datastore.Deletion(io.calicoj.model.ResourceKey.of(
                io.calicoj.model.ResourceKind.WORKLOAD_ENDPOINT, "x",
                io.calicoj.model.k8s.WorkloadEndpointNames.forPod("node-1", "a")))));
        await("a's status file to go", () -> !Files.exists(a));
        assertThat(dir.resolve("k8s x%2Fb eth0")).exists();
    }
}
