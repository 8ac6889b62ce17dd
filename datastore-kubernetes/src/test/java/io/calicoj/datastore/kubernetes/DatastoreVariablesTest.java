package io.calicoj.datastore.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calicoj.datastore.client.DatastoreException;
import io.calicoj.datastore.config.ConfigException;
import io.calicoj.datastore.config.DatastoreConfig;
import io.calicoj.datastore.config.DatastoreConfigLoader;
import io.calicoj.kube.client.KubernetesCalicoClient;
import io.calicoj.kube.connection.InClusterEnvironment;
import io.calicoj.model.Resource;
import io.calicoj.model.ResourceKind;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every documented variable, from the environment to what the API server sees. */
class DatastoreVariablesTest {

    private static final String UA = "calicoctl/test";

    @TempDir
    Path dir;
    private KubernetesMockServer server;
    private InClusterEnvironment notInAPod;

    @BeforeEach
    void start() {
        server = MockApi.crud();
        try (KubernetesClient kube = server.createClient()) {
            kube.namespaces().resource(Fixtures.namespace("web", Map.of())).create();
            kube.nodes().resource(Fixtures.node("n1", "192.168.0.1")).create();
        }
        notInAPod = new InClusterEnvironment(Map.of(), dir.resolve("no-token"), dir.resolve("no-ca"));
    }

    @AfterEach
    void stop() {
        server.destroy();
    }

    private KubernetesCalicoClient client(Map<String, String> env, InClusterEnvironment inCluster) {
        DatastoreConfig config = DatastoreConfigLoader.fromEnvironment(env);
        return KubernetesCalicoClient.create(config, inCluster, "cali", UA);
    }

    private String lastAuthorization() throws InterruptedException {
        String auth = null;
        for (var r = server.takeRequest(100, TimeUnit.MILLISECONDS); r != null; r = server.takeRequest(100, TimeUnit.MILLISECONDS)) {
            if (r.getMethod().equals("GET")) {
                auth = r.getHeader("Authorization");
            }
        }
        return auth;
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void k8sApiEndpointNamesTheApiServer() throws Exception {
        try (KubernetesCalicoClient calico = client(Map.of("K8S_API_ENDPOINT", MockApi.url(server)), notInAPod)) {
            assertThat(calico.list(ResourceKind.PROFILE, "")).extracting(r -> r.metadata().name()).containsExactly("kns.web");
        }
        assertThat(lastAuthorization()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"K8S_TOKEN", "K8S_API_TOKEN", "CALICO_K8S_TOKEN", "CALICO_K8S_API_TOKEN"})
    void theTokenReachesTheApiServerAsABearerToken(String variable) throws Exception {
        try (KubernetesCalicoClient calico = client(Map.of("K8S_API_ENDPOINT", MockApi.url(server),
                variable, "token-from-" + variable), notInAPod)) {
            calico.list(ResourceKind.NODE, "");
        }
        assertThat(lastAuthorization()).isEqualTo("Bearer token-from-" + variable);
    }

    @Test
    void theKubeconfigIsUsedAndExplicitVariablesOverrideIt() throws Exception {
        Path kubeconfig = write("kubeconfig", """
                apiVersion: v1
                kind: Config
                current-context: test
                contexts: [{name: test, context: {cluster: mock, user: calico}}]
                clusters: [{name: mock, cluster: {server: "%s"}}]
                users: [{name: calico, user: {token: kubeconfig-token}}]
                """.formatted(MockApi.url(server)));
        try (KubernetesCalicoClient calico = client(Map.of("KUBECONFIG", kubeconfig.toString()), notInAPod)) {
            assertThat(calico.list(ResourceKind.PROFILE, "")).hasSize(1);
        }
        assertThat(lastAuthorization()).isEqualTo("Bearer kubeconfig-token");

        try (KubernetesCalicoClient calico = client(Map.of("KUBECONFIG", kubeconfig.toString(),
                "K8S_API_TOKEN", "explicit-token"), notInAPod)) {
            calico.list(ResourceKind.PROFILE, "");
        }
        assertThat(lastAuthorization()).isEqualTo("Bearer explicit-token");
    }

    @Test
    void certKeyAndCaFilesAuthenticateBothWaysOverTls() throws Exception {
        TestPki pki = TestPki.create("cluster-ca");
        TestPki.Issued node = pki.client("calico-node", TestPki.KeyFormat.RSA_PKCS1);
        Map<String, String> env = Map.of(
                "K8S_CA_FILE", write("ca.crt", pki.caPem()).toString(),
                "K8S_CERT_FILE", write("node.crt", node.certificatePem()).toString(),
                "K8S_KEY_FILE", write("node.key", node.keyPem()).toString());
        try (TlsApiServer api = new TlsApiServer(pki.serverContext(pki.server()), true)) {
            Map<String, String> withEndpoint = new HashMap<>(env);
            withEndpoint.put("K8S_API_ENDPOINT", api.url());
            try (KubernetesCalicoClient calico = client(withEndpoint, notInAPod)) {
                assertThat(calico.list(ResourceKind.PROFILE, "")).extracting(r -> r.metadata().name())
                        .containsExactly("kns." + TlsApiServer.NAMESPACE);
            }
            assertThat(api.clientSubject()).isEqualTo("CN=calico-node");
        }
    }

    @Test
    void anUntrustedServerIsRefusedUnlessInsecureSkipTlsVerifyIsSet() throws Exception {
        TestPki cluster = TestPki.create("cluster-ca");
        TestPki other = TestPki.create("other-ca");
        try (TlsApiServer api = new TlsApiServer(other.serverContext(other.server()), false)) {
            Map<String, String> env = Map.of("K8S_API_ENDPOINT", api.url(),
                    "K8S_CA_FILE", write("ca.crt", cluster.caPem()).toString());
            try (KubernetesCalicoClient calico = client(env, notInAPod)) {
                assertThatThrownBy(() -> calico.list(ResourceKind.PROFILE, ""))
                        .isInstanceOf(DatastoreException.DatastoreError.class)
                        .hasMessageContaining("cannot reach Kubernetes API server " + api.url());
            }
            Map<String, String> insecure = new HashMap<>(env);
            insecure.put("K8S_INSECURE_SKIP_TLS_VERIFY", "true");
            try (KubernetesCalicoClient calico = client(insecure, notInAPod)) {
                assertThat(calico.list(ResourceKind.PROFILE, "")).hasSize(1);
            }
        }
    }

    @Test
    void withNothingSetThePodsServiceAccountIsUsed() throws Exception {
        TestPki pki = TestPki.create("cluster-ca");
        try (TlsApiServer api = new TlsApiServer(pki.serverContext(pki.server()), false)) {
            InClusterEnvironment pod = new InClusterEnvironment(
                    Map.of("KUBERNETES_SERVICE_HOST", "localhost", "KUBERNETES_SERVICE_PORT", String.valueOf(api.port())),
                    write("token", "service-account-token\n"), write("ca.crt", pki.caPem()));
            try (KubernetesCalicoClient calico = client(Map.of(), pod)) {
                assertThat(calico.list(ResourceKind.PROFILE, "")).hasSize(1);
            }
            assertThat(api.authorization()).isEqualTo("Bearer service-account-token");
        }
    }

    @Test
    void nodesAreNotWatchedWhenK8sDisableNodePollIsSet() throws Exception {
        DatastoreConfig config = DatastoreConfigLoader.fromEnvironment(Map.of(
                "K8S_API_ENDPOINT", MockApi.url(server), "K8S_DISABLE_NODE_POLL", "true"));
        RecordingListener listener = new RecordingListener();
        try (KubernetesSyncer syncer = KubernetesDatastore.syncer(config, notInAPod, "cali")) {
            syncer.start(listener);
            listener.awaitInSync();
        }
        assertThat(listener.view().values()).extracting(Resource::kind).doesNotContain(ResourceKind.NODE);
        for (var r = server.takeRequest(100, TimeUnit.MILLISECONDS); r != null; r = server.takeRequest(100, TimeUnit.MILLISECONDS)) {
            assertThat(r.getPath()).doesNotStartWith("/api/v1/nodes?");
        }
    }

    @Test
    void anotherDatastoreTypeIsRefusedClearly() {
        DatastoreConfig config = DatastoreConfigLoader.fromEnvironment(Map.of("DATASTORE_TYPE", "etcdv2"));
        assertThatThrownBy(() -> KubernetesCalicoClient.create(config, notInAPod, "cali", UA))
                .isInstanceOf(ConfigException.class)
                .hasMessage("DATASTORE_TYPE is etcdv2 (from environment), not kubernetes");
    }
}
