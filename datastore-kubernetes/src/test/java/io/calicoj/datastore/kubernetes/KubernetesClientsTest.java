package io.calicoj.datastore.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calicoj.kube.connection.KubeConnection;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KubernetesClientsTest {

    private static final Map<String, String> DECOYS = Map.of(
            "kubernetes.master", "http://127.0.0.1:1",
            "kubernetes.auth.token", "decoy-token",
            "kubernetes.auth.tryKubeConfig", "true",
            "kubernetes.auth.tryServiceAccount", "true",
            "kubernetes.trust.certificates", "true");

    private final Map<String, String> savedProperties = new HashMap<>();
    private KubernetesMockServer server;

    @BeforeEach
    void startServer() {
        server = MockApi.crud();
    }

    @AfterEach
    void stopServer() {
        server.destroy();
        savedProperties.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
    }

    private void setProperty(String key, String value) {
        savedProperties.putIfAbsent(key, System.getProperty(key));
        System.setProperty(key, value);
    }

    @Test
    void theTokenIsSentAsABearerTokenAndFabric8sOwnSettingsAreIgnored() throws Exception {
        DECOYS.forEach(this::setProperty);
        try (KubernetesClient client = KubernetesClients.create(MockApi.connection(server, "tok-123"))) {
            assertThat(client.getMasterUrl().toString()).startsWith(MockApi.url(server));
            client.namespaces().list();
            RecordedRequest request = server.getLastRequest();
            assertThat(request.getHeader("Authorization")).isEqualTo("Bearer tok-123");
        }
    }

    @Test
    void aServiceAccountTokenRotatedInItsFileIsSentFromTheNextRequestOn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, "first-token\n");
        KubeConnection base = MockApi.connection(server, "first-token");
        KubeConnection c = new KubeConnection(base.server(), base.caCertificatePem(), null, null, "first-token",
                base.insecureSkipTlsVerify(), file);
        try (KubernetesClient client = KubernetesClients.create(c)) {
            client.namespaces().list();
            assertThat(server.getLastRequest().getHeader("Authorization")).isEqualTo("Bearer first-token");

            Path next = dir.resolve("token.next");
            Files.writeString(next, "second-token\n");
            Files.setLastModifiedTime(next, java.nio.file.attribute.FileTime.fromMillis(
                    Files.getLastModifiedTime(file).toMillis() + 1000));
            Files.move(next, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            client.namespaces().list();
            assertThat(server.getLastRequest().getHeader("Authorization")).isEqualTo("Bearer second-token");

            Files.delete(file);
            client.namespaces().list();
            assertThat(server.getLastRequest().getHeader("Authorization")).as("an unreadable file keeps the last token")
                    .isEqualTo("Bearer second-token");
        }
    }

    @Test
    void aPlainHttpServerIsSpokenToInHttp11WithoutAnH2cUpgrade() throws Exception {
        try (KubernetesClient client = KubernetesClients.create(MockApi.connection(server, null))) {
            client.namespaces().list();
            RecordedRequest request = server.getLastRequest();
            assertThat(request.getHeader("Upgrade")).isNull();
            assertThat(request.getHttpVersion()).isEqualTo("HTTP/1.1");
        }
    }

    @Test
    void requestsNameTheProgramAndVersionInTheUserAgent() throws Exception {
        try (KubernetesClient felix = KubernetesClients.create(MockApi.connection(server, null), KubernetesClients.CALICO_FELIX)) {
            felix.namespaces().list();
            assertThat(server.getLastRequest().getHeader("User-Agent")).matches("calico-felix/[^ /]+");
        }
        try (KubernetesClient ctl = KubernetesClients.create(MockApi.connection(server, null), KubernetesClients.CALICOCTL)) {
            ctl.nodes().withName("n").get();
            assertThat(server.getLastRequest().getHeader("User-Agent")).matches("calicoctl/[^ /]+");
        }
    }

    @Test
    void withoutATokenNoAuthorizationHeaderIsSent() throws Exception {
        DECOYS.forEach(this::setProperty);
        try (KubernetesClient client = KubernetesClients.create(MockApi.connection(server, null))) {
            client.namespaces().list();
            assertThat(server.getLastRequest().getHeader("Authorization")).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(TestPki.KeyFormat.class)
    void aClientCertificateAndKeyAreSentAndTheClusterCaVerifiesTheServer(TestPki.KeyFormat format) throws Exception {
        TestPki pki = TestPki.create("cluster-ca");
        TestPki.Issued client = pki.client("calico-node", format);
        try (TlsApiServer api = new TlsApiServer(pki.serverContext(pki.server()), true);
             KubernetesClient k = KubernetesClients.create(
                     new KubeConnection(api.url(), pki.caPem(), client.certificatePem(), client.keyPem(), null, false))) {
            assertThat(k.namespaces().list().getItems()).extracting(n -> n.getMetadata().getName())
                    .containsExactly(TlsApiServer.NAMESPACE);
            assertThat(api.clientSubject()).isEqualTo("CN=calico-node");
        }
    }

    @Test
    void aServerWhoseCertificateIsNotFromTheConfiguredCaIsRejected() throws Exception {
        TestPki cluster = TestPki.create("cluster-ca");
        TestPki impostor = TestPki.create("impostor-ca");
        try (TlsApiServer api = new TlsApiServer(impostor.serverContext(impostor.server()), false);
             KubernetesClient k = KubernetesClients.create(new KubeConnection(api.url(), cluster.caPem(), null, null, null, false))) {
            assertThatThrownBy(() -> k.namespaces().list()).isInstanceOf(KubernetesClientException.class);
        }
    }

    @Test
    void insecureSkipTlsVerifyAcceptsAnUntrustedServer() throws Exception {
        TestPki cluster = TestPki.create("cluster-ca");
        TestPki impostor = TestPki.create("impostor-ca");
        try (TlsApiServer api = new TlsApiServer(impostor.serverContext(impostor.server()), false);
             KubernetesClient k = KubernetesClients.create(new KubeConnection(api.url(), cluster.caPem(), null, null, null, true))) {
            assertThat(k.namespaces().list().getItems()).hasSize(1);
        }
    }

    @Test
    void onlyTheConfiguredCaIsTrustedNotAlsoTheJdkDefaultTrustStore(@TempDir Path dir) throws Exception {
        TestPki cluster = TestPki.create("cluster-ca");
        TestPki otherTrusted = TestPki.create("publicly-trusted-ca");
        Path store = dir.resolve("truststore.p12");
        try (OutputStream out = new FileOutputStream(store.toFile())) {
            otherTrusted.trustStore().store(out, "changeit".toCharArray());
        }
        setProperty("javax.net.ssl.trustStore", store.toString());
        setProperty("javax.net.ssl.trustStorePassword", "changeit");
        try (TlsApiServer api = new TlsApiServer(otherTrusted.serverContext(otherTrusted.server()), false)) {
            // Control: with no CA configured, the default trust store (here: the other CA) applies.
            try (KubernetesClient k = KubernetesClients.create(new KubeConnection(api.url(), null, null, null, null, false))) {
                assertThat(k.namespaces().list().getItems()).hasSize(1);
            }
            try (KubernetesClient k = KubernetesClients.create(new KubeConnection(api.url(), cluster.caPem(), null, null, null, false))) {
                assertThatThrownBy(() -> k.namespaces().list()).isInstanceOf(KubernetesClientException.class);
            }
        }
        assertThat(Files.exists(store)).isTrue();
    }

    @Test
    void aKeyThatCannotBeReadIsReportedWithoutQuotingIt() {
        TestPki pki = TestPki.create("cluster-ca");
        TestPki.Issued client = pki.client("calico-node", TestPki.KeyFormat.RSA_PKCS8);
        String brokenKey = "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWtleS1tYXRlcmlhbA==\n-----END PRIVATE KEY-----\n";
        assertThatThrownBy(() -> KubernetesClients.create(
                new KubeConnection("https://localhost:1", pki.caPem(), client.certificatePem(), brokenKey, null, false)))
                .hasMessageContaining("K8S_KEY_FILE")
                .hasMessageNotContaining("c2VjcmV0LWtleS1tYXRlcmlhbA");
    }

    @Test
    void aFreshClientSeesObjectsCreatedOnTheServer() {
        try (KubernetesClient client = KubernetesClients.create(MockApi.connection(server, null))) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("a").endMetadata().build()).create();
            assertThat(client.namespaces().list().getItems()).hasSize(1);
        }
    }
}
