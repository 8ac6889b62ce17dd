package io.calicoj.datastore.kubernetes;

import static io.calicoj.datastore.kubernetes.Fixtures.namespace;
import static io.calicoj.datastore.kubernetes.Fixtures.pod;
import static io.calicoj.datastore.kubernetes.Fixtures.policy;
import static io.calicoj.datastore.kubernetes.Fixtures.policyKey;
import static io.calicoj.datastore.kubernetes.Fixtures.profileKey;
import static io.calicoj.datastore.kubernetes.Fixtures.wepKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.datastore.SyncStatus;
import io.calicoj.kube.connection.KubeConnection;
import io.calicoj.model.Profile;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API server goes away and comes back: what changed meanwhile arrives, after capped backoff. */
class KubernetesSyncerReconnectTest {

    private KubernetesMockServer server;
    private KubernetesClient kube;
    private CuttableProxy proxy;
    private KubernetesSyncer syncer;
    private final RecordingListener listener = new RecordingListener();
    private final GatedSleeper sleeper = new GatedSleeper();

    @BeforeEach
    void start() throws Exception {
        server = MockApi.crud();
        kube = server.createClient();
        proxy = new CuttableProxy(server.getPort());
    }

    @AfterEach
    void stop() throws Exception {
        sleeper.open();
        // The mock server must not see its watches go while it may still be sending down them
        // (see CuttableProxy): cut first, so that only the syncer sees them go.
        proxy.cut();
        if (syncer != null) {
            syncer.close();
        }
        kube.close();
        server.destroy();
        proxy.close();
    }

    @Test
    void changesMadeWhileTheApiServerWasAwayArriveAfterItComesBack() throws Exception {
        kube.namespaces().resource(namespace("web", Map.of("team", "a"))).create();
        kube.pods().resource(pod("web", "a", "n1", "10.0.0.1", Map.of())).create();
        kube.network().v1().networkPolicies().resource(policy("web", "old", Map.of())).create();
        SyncerOptions options = SyncerOptions.defaults("cali").withWatchNodes(false)
                .withBackoff(new Backoff(Duration.ofMillis(100), Duration.ofMillis(800), 0), sleeper);
        syncer = KubernetesSyncer.create(new KubeConnection(proxy.url(), null, null, null, null, false), options);
        syncer.start(listener);
        listener.awaitInSync();
        proxy.cut();
        // Every type notices (and waits); only then the changes, so that the mock server no longer
        // tries to send them down the dropped watches.
        sleeper.awaitWaits(3);
        kube.pods().inNamespace("web").withName("a").delete();
        kube.pods().resource(pod("web", "b", "n1", "10.0.0.2", Map.of())).create();
        kube.namespaces().withName("web").edit(ns -> {
            ns.getMetadata().setLabels(Map.of("team", "b"));
            return ns;
        });
        kube.network().v1().networkPolicies().inNamespace("web").withName("old").delete();
        kube.network().v1().networkPolicies().resource(policy("web", "new", Map.of())).create();

        // Three types, each failing five times in a row while the server is away.
        for (int round = 1; round <= 5; round++) {
            sleeper.awaitWaits(3 * round);
            if (round < 5) {
                sleeper.release();
            }
        }
        proxy.restore();
        sleeper.open();

        listener.awaitAbsent(wepKey("web", "n1", "a")).awaitPresent(wepKey("web", "n1", "b"))
                .awaitAbsent(policyKey("web", "old")).awaitPresent(policyKey("web", "new"))
                .await("new namespace labels", r -> ((Profile) r.get(profileKey("web"))).spec().labelsToApply()
                        .get("pcns.team").equals("b"));
        assertThat(sleeper.waitsByThread()).hasSize(3).allSatisfy((thread, waits) ->
                assertThat(waits).startsWith(100L, 200L, 400L, 800L, 800L));
        assertThat(listener.statuses()).containsExactly(SyncStatus.WAIT_FOR_DATASTORE,
                SyncStatus.RESYNC_IN_PROGRESS, SyncStatus.IN_SYNC);
        assertThat(listener.violations()).isEmpty();
        assertThat(listener.threads()).containsExactly("calicoj-k8s-syncer");
        assertThat(List.copyOf(listener.view().keySet())).hasSize(3);
    }
}
