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
    private final AgentMetrics metrics = new AgentMetrics() {
        @Override
        public void activeLocal(int endpoints, int policies, int ipSets) {
            activeLocal.set(List.of(endpoints, policies, ipSets));
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
        FakeDataplane fake = new FakeDataplane();
        AtomicInteger failuresLeft = new AtomicInteger(1);
        start(new DataplaneDriver() {
            @Override
            public void onUpdate(DataplaneUpdate update) {
                fake.onUpdate(update);
            }

            @Override
            public boolean inSync() {
                return fake.inSync();
            }

            @Override
            public Duration apply() {
                if (fake.inSync() && failuresLeft.getAndDecrement() > 0) {
                    throw new DataplaneProgrammingException("iptables-restore failed", "input", "state", null);
                }
                return fake.apply();
            }

            @Override
            public ActiveState active() {
                return fake.active();
            }
        });
        batches.put(List.of(pod("a"), new InSync()));
        await("the failed apply", () -> failuresLeft.get() == 0);
        assertThat(health.ready()).isFalse();
        await("readiness after the retry (1 s later)", health::ready);
        assertThat(health.live()).isTrue();
    }
}
