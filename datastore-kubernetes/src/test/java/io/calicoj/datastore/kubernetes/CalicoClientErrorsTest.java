package io.calicoj.datastore.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calicoj.datastore.client.DatastoreException;
import io.calicoj.kube.client.KubernetesCalicoClient;
import io.calicoj.kube.connection.KubeConnection;
import io.calicoj.model.ResourceKind;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** API errors as calicoctl reports them: Calico's kinds, naming the server and the status, never the token. */
class CalicoClientErrorsTest {

    private static final String UA = "calicoctl/test";

    private static final String TOKEN = "tok-never-shown-4711";
    private static final String STATUS_401 = "{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"status\":\"Failure\","
            + "\"message\":\"Unauthorized\",\"reason\":\"Unauthorized\",\"code\":401}";
    private static final String STATUS_403 = "{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"status\":\"Failure\","
            + "\"message\":\"pods is forbidden: User \\\"system:serviceaccount:kube-system:calico\\\" cannot list resource"
            + " \\\"pods\\\"\",\"reason\":\"Forbidden\",\"code\":403}";

    private KubernetesMockServer server;
    private KubernetesCalicoClient calico;

    @BeforeEach
    void start() {
        server = MockApi.scripted();
        calico = KubernetesCalicoClient.create(MockApi.connection(server, TOKEN), "cali", UA);
    }

    @AfterEach
    void stop() {
        calico.close();
        server.destroy();
    }

    @Test
    void unauthorizedAndForbiddenAreConnectionUnauthorized() {
        server.expect().get().withPath("/api/v1/namespaces").andReturn(401, STATUS_401).once();
        server.expect().get().withPath("/api/v1/pods").andReturn(403, STATUS_403).once();

        assertThatThrownBy(() -> calico.list(ResourceKind.PROFILE, ""))
                .isInstanceOf(DatastoreException.ConnectionUnauthorized.class)
                .hasMessageStartingWith("connection is unauthorized: ")
                .hasMessageContaining(MockApi.url(server)).hasMessageContaining("401")
                .hasMessageNotContaining(TOKEN);
        assertThatThrownBy(() -> calico.list(ResourceKind.WORKLOAD_ENDPOINT, ""))
                .isInstanceOf(DatastoreException.ConnectionUnauthorized.class)
                .hasMessageContaining("403").hasMessageContaining("cannot list resource")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void otherStatusesAreDatastoreErrorsNamingServerAndStatus() {
        server.expect().get().withPath("/api/v1/nodes").andReturn(500, "{\"kind\":\"Status\",\"code\":500,"
                + "\"message\":\"etcdserver: request timed out\"}").once();

        assertThatThrownBy(() -> calico.list(ResourceKind.NODE, ""))
                .isInstanceOf(DatastoreException.DatastoreError.class)
                .hasMessage("Kubernetes API server " + MockApi.url(server) + " answered HTTP 500: etcdserver: request timed out");
    }

    @Test
    void anUnreachableServerIsADatastoreErrorNamingIt() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (KubernetesCalicoClient offline = KubernetesCalicoClient.create(
                new KubeConnection("http://127.0.0.1:" + port, null, null, null, TOKEN, false), "cali", UA)) {
            assertThatThrownBy(() -> offline.list(ResourceKind.PROFILE, ""))
                    .isInstanceOf(DatastoreException.DatastoreError.class)
                    .hasMessageStartingWith("cannot reach Kubernetes API server http://127.0.0.1:" + port)
                    .hasMessageNotContaining(TOKEN);
        }
    }

    @Test
    void aMissingObjectIsResourceDoesNotExist() {
        assertThat(server.getRequestCount()).isZero();
        assertThatThrownBy(() -> calico.get(Fixtures.nodeKey("ghost")))
                .isInstanceOf(DatastoreException.ResourceDoesNotExist.class)
                .hasMessage("resource does not exist: Node(ghost)");
    }
}
