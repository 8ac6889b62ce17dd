package io.calicoj.datastore.kubernetes;

import static io.calicoj.datastore.kubernetes.Fixtures.profileKey;
import static io.calicoj.datastore.kubernetes.ScriptedApi.bookmark;
import static io.calicoj.datastore.kubernetes.ScriptedApi.event;
import static io.calicoj.datastore.kubernetes.ScriptedApi.gone;
import static io.calicoj.datastore.kubernetes.ScriptedApi.watchPath;
import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.datastore.Deletion;
import io.calicoj.datastore.SyncStatus;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the CRUD mock cannot show: 410 Gone, and resuming a watch where it ended. */
class KubernetesSyncerScriptedTest {

    private static final String NAMESPACES = "/api/v1/namespaces";

    private KubernetesMockServer server;
    private ScriptedApi api;
    private KubernetesSyncer syncer;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void start() {
        server = MockApi.scripted();
        api = new ScriptedApi(server);
        // Pods and policies: empty, and their watches stay open.
        api.list("/api/v1/pods?resourceVersion=0", "PodList", "1")
                .idleWatch(watchPath("/api/v1/pods", "1"))
                .list("/apis/networking.k8s.io/v1/networkpolicies?resourceVersion=0", "NetworkPolicyList", "1")
                .idleWatch(watchPath("/apis/networking.k8s.io/v1/networkpolicies", "1"));
    }

    @AfterEach
    void stop() {
        if (syncer != null) {
            syncer.close();
        }
        server.destroy();
    }

    private void startSyncer() {
        startSyncer(SyncerOptions.DEFAULT_WATCH_SILENCE_TIMEOUT);
    }

    private void startSyncer(Duration watchSilenceTimeout) {
        startSyncer(SyncerOptions.defaults("cali").withWatchSilenceTimeout(watchSilenceTimeout));
    }

    private void startSyncer(SyncerOptions base) {
        SyncerOptions options = base.withWatchNodes(false)
                .withBackoff(new Backoff(Duration.ofMillis(10), Duration.ofMillis(50), 0), Sleeper.SYSTEM);
        syncer = KubernetesSyncer.create(MockApi.connection(server, null), options);
        syncer.start(listener);
    }

    private static Namespace ns(String name, String resourceVersion) {
        Namespace ns = Fixtures.namespace(name, Map.of("name", name));
        ns.getMetadata().setResourceVersion(resourceVersion);
        ns.getMetadata().setUid("uid-" + name);
        return ns;
    }

    @Test
    void afterGoneTheTypeIsListedAgainAndWhatVanishedMeanwhileIsDeleted() throws Exception {
        api.list(NAMESPACES + "?resourceVersion=0", "NamespaceList", "1", ns("a", "1"), ns("b", "1"))
                .watchThenIdle(watchPath(NAMESPACES, "1"), gone("1"))
                // After 410 the list asks for the latest state (no resource version).
                .list(NAMESPACES, "NamespaceList", "5", ns("b", "1"), ns("c", "4"))
                .idleWatch(watchPath(NAMESPACES, "5"));

        startSyncer();

        listener.awaitPresent(profileKey("c")).awaitAbsent(profileKey("a"));
        assertThat(listener.view()).containsOnlyKeys(profileKey("b"), profileKey("c"));
        assertThat(listener.updates(profileKey("a")).get(1)).isInstanceOf(Deletion.class);
        assertThat(listener.updates(profileKey("b"))).hasSize(1); // unchanged: listed twice, sent once
        // IN_SYNC is not taken back for a relist: the view stays complete meanwhile.
        assertThat(listener.statuses()).containsExactly(SyncStatus.WAIT_FOR_DATASTORE,
                SyncStatus.RESYNC_IN_PROGRESS, SyncStatus.IN_SYNC);
        assertThat(requests()).contains(watchPath(NAMESPACES, "5"));
    }

    @Test
    void aWatchThatEndsIsResumedFromTheLastResourceVersionSeenWithoutListingAgain() throws Exception {
        api.list(NAMESPACES + "?resourceVersion=0", "NamespaceList", "1", ns("a", "1"))
                .watchThenClose(watchPath(NAMESPACES, "1"), event("ADDED", ns("b", "2")), bookmark("Namespace", "7"))
                .watchThenIdle(watchPath(NAMESPACES, "7"), event("ADDED", ns("c", "8")));

        startSyncer();

        listener.awaitPresent(profileKey("c"));
        assertThat(listener.view()).containsOnlyKeys(profileKey("a"), profileKey("b"), profileKey("c"));
        List<String> requests = requests();
        assertThat(requests).contains(watchPath(NAMESPACES, "7"));
        assertThat(requests.stream().filter(p -> p.startsWith(NAMESPACES + "?resourceVersion=")
                || p.equals(NAMESPACES))).hasSize(1);
    }

    @Test
    void aWatchThatStaysSilentIsStartedAgainFromItsResourceVersion() throws Exception {
        // The first watch stays silent, as one whose connection died unnoticed would; the second
        // (from the same version) gets what happened meanwhile.
        api.list(NAMESPACES + "?resourceVersion=0", "NamespaceList", "1", ns("a", "1"))
                .idleWatchOnce(watchPath(NAMESPACES, "1"))
                .watchThenIdle(watchPath(NAMESPACES, "1"), event("ADDED", ns("b", "2")))
                .idleWatch(watchPath(NAMESPACES, "2"));

        startSyncer(Duration.ofMillis(500));

        listener.awaitPresent(profileKey("b"));
        assertThat(requests().stream().filter(p -> p.equals(watchPath(NAMESPACES, "1")))).hasSize(2);
        assertThat(listener.updates(profileKey("a"))).hasSize(1);
    }

    @Test
    void aListThatDoesNotCompleteIsAbandonedAndTriedAgain() throws Exception {
        server.expect().get().delay(60, TimeUnit.SECONDS).withPath(NAMESPACES + "?resourceVersion=0")
                .andReturn(200, "{\"kind\":\"NamespaceList\",\"apiVersion\":\"v1\",\"metadata\":{},\"items\":[]}").once();
        api.list(NAMESPACES + "?resourceVersion=0", "NamespaceList", "1", ns("a", "1"))
                .idleWatch(watchPath(NAMESPACES, "1"));

        startSyncer(SyncerOptions.defaults("cali").withListTimeout(Duration.ofMillis(500)));

        listener.awaitInSync();
        assertThat(listener.view()).containsOnlyKeys(profileKey("a"));
        assertThat(requests().stream().filter(p -> p.equals(NAMESPACES + "?resourceVersion=0"))).hasSize(2);
    }

    /** Paths requested so far, once the queue of recorded requests is drained. */
    private List<String> requests() throws InterruptedException {
        List<String> paths = new ArrayList<>();
        for (var r = server.takeRequest(100, TimeUnit.MILLISECONDS); r != null; r = server.takeRequest(100, TimeUnit.MILLISECONDS)) {
            paths.add(r.getPath());
        }
        return paths;
    }
}
