package io.calicoj.datastore.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.kube.client.KubeHttpClient;
import io.calicoj.kube.client.KubernetesCalicoClient;
import io.calicoj.kube.connection.KubeConnection;
import io.calicoj.model.ResourceKind;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/**
 * Tokens appear in no log line (every logger at TRACE, fabric8's included: it would log request
 * headers there) and in no error, while connecting, syncing and failing.
 */
class SecretsNeverLoggedTest {

    private static final String UA = "calicoctl/test";

    private static final String TOKEN = "s3cr3t-token-" + Long.toHexString(System.nanoTime());
    private final List<Throwable> errors = new ArrayList<>();

    @AfterEach
    void resetLogging() {
        RecordingLogs.captureFrom(Level.INFO);
    }

    @Test
    void theTokenIsNeverLoggedEvenAtTraceWhileConnectingSyncingAndFailing() throws Exception {
        RecordingLogs.clear();
        RecordingLogs.captureFrom(Level.TRACE);
        KubernetesMockServer crud = MockApi.crud();
        KubernetesMockServer refusing = MockApi.scripted();
        try {
            crud.createClient().namespaces().resource(Fixtures.namespace("web", Map.of())).create();
            // Connecting and syncing.
            RecordingListener listener = new RecordingListener();
            try (KubernetesSyncer syncer = KubernetesSyncer.create(MockApi.connection(crud, TOKEN),
                    SyncerOptions.defaults("cali"))) {
                syncer.start(listener);
                listener.awaitInSync();
            }
            try (KubernetesCalicoClient calico = KubernetesCalicoClient.create(MockApi.connection(crud, TOKEN), "cali", UA)) {
                calico.list(ResourceKind.PROFILE, "");
            }
            assertThat(crud.getLastRequest().getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);

            // Failing: refused credentials, an unreachable server, an untrusted server.
            refusing.expect().get().withPath("/api/v1/namespaces").andReturn(401,
                    "{\"kind\":\"Status\",\"code\":401,\"message\":\"Unauthorized\"}").always();
            try (KubernetesCalicoClient calico = KubernetesCalicoClient.create(MockApi.connection(refusing, TOKEN), "cali", UA)) {
                expectFailure(() -> calico.list(ResourceKind.PROFILE, ""));
            }
            String unreachable = "http://127.0.0.1:" + freePort();
            try (KubernetesCalicoClient calico = KubernetesCalicoClient.create(
                    new KubeConnection(unreachable, null, null, null, TOKEN, false), "cali", UA)) {
                expectFailure(() -> calico.list(ResourceKind.NODE, ""));
            }
            GatedSleeper sleeper = new GatedSleeper();
            try (KubernetesSyncer syncer = KubernetesSyncer.create(new KubeConnection(unreachable, null, null, null, TOKEN,
                    false), SyncerOptions.defaults("cali").withBackoff(Backoff.DEFAULT, sleeper))) {
                syncer.start(new RecordingListener());
                sleeper.awaitWaits(4);
                sleeper.open();
            }
            TestPki other = TestPki.create("other-ca");
            try (TlsApiServer api = new TlsApiServer(other.serverContext(other.server()), false);
                 KubernetesCalicoClient calico = KubernetesCalicoClient.create(new KubeConnection(api.url(),
                         TestPki.create("cluster-ca").caPem(), null, null, TOKEN, false), "cali", UA)) {
                expectFailure(() -> calico.list(ResourceKind.PROFILE, ""));
            }
        } finally {
            crud.destroy();
            refusing.destroy();
        }

        String log = RecordingLogs.text();
        assertThat(RecordingLogs.events(Level.DEBUG)).as("fabric8 and the lean client did log at debug")
                .anyMatch(e -> e.logger().startsWith("io.fabric8.kubernetes.client"))
                .anyMatch(e -> e.logger().equals(KubeHttpClient.class.getName()));
        assertThat(log).contains("TRACE io.fabric8");
        assertThat(log).contains("Syncing pods", "retrying in");
        assertThat(log).doesNotContain(TOKEN);
        assertThat(errors).hasSize(3).allSatisfy(e -> assertThat(stackTrace(e)).doesNotContain(TOKEN));
    }

    private void expectFailure(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        try {
            call.call();
        } catch (Throwable t) {
            errors.add(t);
            return;
        }
        throw new AssertionError("expected a failure");
    }

    private static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
