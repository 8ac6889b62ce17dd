package io.calicoj.agent.pipeline;

import static io.calicoj.agent.pipeline.PipelineTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.agent.health.HealthAggregator;
import io.calicoj.agent.metrics.AgentMetrics;
import io.calicoj.calc.testing.FakeDataplane;
import io.calicoj.dataplane.api.ActivePolicyUpdate;
import io.calicoj.dataplane.api.ActiveState;
import io.calicoj.dataplane.api.DataplaneDriver;
import io.calicoj.dataplane.api.DataplaneProgrammingException;
import io.calicoj.dataplane.api.DataplaneUpdate;
import io.calicoj.dataplane.api.InSync;
import io.calicoj.dataplane.api.IpSetType;
import io.calicoj.dataplane.api.IpSetUpdate;
import io.calicoj.dataplane.api.ParsedPolicy;
import io.calicoj.dataplane.api.WorkloadEndpointRemove;
import io.calicoj.dataplane.api.WorkloadEndpointUpdate;
import io.calicoj.model.ResourceKey;
import io.calicoj.model.ResourceKind;
import io.calicoj.model.felix.PolicyId;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dataplane thread driving a {@link DataplaneDriver}: here the calculation graph's fake. */
class DataplaneLoopTest {

    private static final PolicyId POLICY = PolicyId.namespaced("default", "x", "knp.default.p");

    private final BlockingQueue<List<DataplaneUpdate>> batches = new ArrayBlockingQueue<>(4);
    private final HealthAggregator health = new HealthAggregator(InstantSource.system());
    private final AtomicReference<List<Integer>> activeLocal = new AtomicReference<>();
    private final List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AgentMetrics metrics = new AgentMetrics() {
        @Override
        public void activeLocal(int endpoints, int policies, int ipSets) {
            activeLocal.set(List.of(endpoints, policies, ipSets));
        }

        @Override
        public void dataplaneProblem(String kind, String subject) {
            problems.add(kind + " " + subject);
        }
    };
    private DataplaneLoop loop;
    private Thread thread;

    private void start(DataplaneDriver driver) {
        loop = new DataplaneLoop(batches, driver, health.register("InternalDataplaneMainLoop", true, true, Duration.ofSeconds(30)),
                metrics, InstantSource.system());
        thread = new Thread(loop, "dataplane");
        thread.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (loop != null) {
            loop.stop();
            thread.interrupt();
            thread.join(5000);
        }
    }

    private static WorkloadEndpointUpdate pod(String name) {
        return new WorkloadEndpointUpdate(ResourceKey.of(ResourceKind.WORKLOAD_ENDPOINT, "x", name), "cali" + name, "", List.of(),
                List.of(), List.of(), List.of());
    }

    @Test
    void theActiveLocalMetricsCountTheWorkloadEndpointsPoliciesAndIpSetsTheDriverHasBeenTold() throws InterruptedException {
        start(new FakeDataplane());
        batches.put(List.of(new IpSetUpdate("s:a", IpSetType.IP, Set.of()),
                new ActivePolicyUpdate(POLICY, new ParsedPolicy(List.of(), List.of(), false, false, false)), pod("a"), pod("b"),
                new InSync()));
        await("2 endpoints, 1 policy, 1 IP set", () -> List.of(2, 1, 1).equals(activeLocal.get()));
        batches.put(List.of(new WorkloadEndpointRemove(pod("a").key())));
        await("1 endpoint left", () -> List.of(1, 1, 1).equals(activeLocal.get()));
        await("readiness", health::ready);
    }

    @Test
    void aFailedApplyMakesTheAgentNotReadyUntilARetrySucceeds() throws InterruptedException {
        FaultyDriver driver = new FaultyDriver();
        driver.failApplies(new DataplaneProgrammingException("iptables-restore failed", "input", "state", null), 1);
        start(driver);
        batches.put(List.of(pod("a"), new InSync()));
        await("the failed apply", () -> driver.applyFailuresLeft.get() == 0);
        assertThat(health.ready()).isFalse();
        await("readiness after the retry (1 s later)", health::ready);
        assertThat(health.live()).isTrue();
    }

    /** The fake, with hooks that make a message or an apply throw. */
    private static final class FaultyDriver implements DataplaneDriver {
        final FakeDataplane fake = new FakeDataplane();
        final AtomicReference<RuntimeException> onUpdateThrows = new AtomicReference<>();
        final AtomicReference<RuntimeException> applyThrows = new AtomicReference<>();
        final AtomicInteger applyFailuresLeft = new AtomicInteger();
        final AtomicInteger applies = new AtomicInteger();

        /** The next {@code times} applies after InSync throw {@code e}. */
        void failApplies(RuntimeException e, int times) {
            applyThrows.set(e);
            applyFailuresLeft.set(times);
        }

        @Override
        public void onUpdate(DataplaneUpdate update) {
            RuntimeException e = onUpdateThrows.getAndSet(null);
            if (e != null) {
                throw e;
            }
            fake.onUpdate(update);
        }

        @Override
        public boolean inSync() {
            return fake.inSync();
        }

        @Override
        public Duration apply() {
            applies.incrementAndGet();
            if (fake.inSync() && applyFailuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw applyThrows.get();
            }
            return fake.apply();
        }

        @Override
        public ActiveState active() {
            return fake.active();
        }
    }

    @Test
    void aMessageTheDriverCannotTakeIsSetAsideAndTheRestGoesOn() throws InterruptedException {
        FaultyDriver driver = new FaultyDriver();
        start(driver);
        driver.onUpdateThrows.set(new IllegalStateException("a bug"));
        batches.put(List.of(pod("a"), pod("b"), new InSync()));
        await("the rest of the batch", () -> List.of(1, 0, 0).equals(activeLocal.get()));
        await("readiness", health::ready);
        assertThat(problems).containsExactly("update-set-aside WorkloadEndpoint(x/a)");
        batches.put(List.of(pod("c")));
        await("a later batch", () -> List.of(2, 0, 0).equals(activeLocal.get()));
        assertThat(health.live()).isTrue();
    }

    @Test
    void anUnexpectedExceptionFromAnApplyDoesNotEndTheThreadItIsRetriedUntilItSucceeds() throws InterruptedException {
        FaultyDriver driver = new FaultyDriver();
        driver.failApplies(new NullPointerException("a bug in the driver"), Integer.MAX_VALUE);
        start(driver);
        batches.put(List.of(pod("a"), new InSync()));
        await("a failed apply", () -> problems.contains("apply-failed dataplane"));
        assertThat(health.ready()).isFalse();
        assertThat(health.live()).isTrue();
        int applies = driver.applies.get();
        driver.failApplies(null, 0);
        await("readiness after a retry", health::ready);
        assertThat(driver.applies.get()).isGreaterThan(applies);
        assertThat(thread.isAlive()).isTrue();
    }
}
