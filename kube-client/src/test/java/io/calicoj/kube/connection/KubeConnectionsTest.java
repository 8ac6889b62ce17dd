package io.calicoj.kube.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calicoj.datastore.config.ConfigException;
import io.calicoj.datastore.config.KubernetesSettings;
import io.calicoj.datastore.config.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeConnectionsTest {

    @TempDir
    Path dir;

    private InClusterEnvironment notInCluster() {
        return new InClusterEnvironment(Map.of(), dir.resolve("no-token"), dir.resolve("no-ca"));
    }

    private Path kubeconfig(String userBlock) throws IOException {
        Files.writeString(dir.resolve("ca.crt"), "CA-PEM");
        Path f = dir.resolve("config");
        Files.writeString(f, """
                apiVersion: v1
                kind: Config
                current-context: ctx
                contexts:
                - name: other
                  context: {cluster: nope, user: nope}
                - name: ctx
                  context: {cluster: c1, user: u1}
                clusters:
                - name: c1
                  cluster:
                    server: https://10.0.0.1:6443
                    certificate-authority: ca.crt
                users:
                - name: u1
                  user:
                """ + userBlock);
        return f;
    }

    private static KubernetesSettings settings(String kubeconfig, String endpoint, String cert, String key, String ca,
                                               String token, boolean insecure) {
        return new KubernetesSettings(kubeconfig, endpoint, cert, key, ca, token == null ? null : Secret.of(token),
                insecure, false);
    }

    @Test
    void theCurrentContextOfAKubeconfigGivesServerCaAndCredentials() throws IOException {
        String cert = Base64.getEncoder().encodeToString("CERT-PEM".getBytes(StandardCharsets.UTF_8));
        Path kc = kubeconfig("    client-certificate-data: " + cert + "\n    client-key: key.pem\n");
        Files.writeString(dir.resolve("key.pem"), "KEY-PEM");
        KubeConnection c = KubeConnections.resolve(settings(kc.toString(), "", "", "", "", null, false), notInCluster());
        assertThat(c.server()).isEqualTo("https://10.0.0.1:6443");
        assertThat(c.caCertificatePem()).isEqualTo("CA-PEM");
        assertThat(c.clientCertificatePem()).isEqualTo("CERT-PEM");
        assertThat(c.clientKeyPem()).isEqualTo("KEY-PEM");
        assertThat(c.bearerToken()).isNull();
        assertThat(c.insecureSkipTlsVerify()).isFalse();
    }

    @Test
    void explicitSettingsOverrideTheKubeconfig() throws IOException {
        Path kc = kubeconfig("    token: from-kubeconfig\n");
        Files.writeString(dir.resolve("other-ca.pem"), "OTHER-CA");
        KubeConnection c = KubeConnections.resolve(settings(kc.toString(), "https://override:443", "", "",
                dir.resolve("other-ca.pem").toString(), "explicit-token", true), notInCluster());
        assertThat(c.server()).isEqualTo("https://override:443");
        assertThat(c.caCertificatePem()).isEqualTo("OTHER-CA");
        assertThat(c.bearerToken()).isEqualTo("explicit-token");
        assertThat(c.insecureSkipTlsVerify()).isTrue();
    }

    @Test
    void endpointAndTokenAloneAreEnough() {
        KubeConnection c = KubeConnections.resolve(settings("", "https://api:6443", "", "", "", "t", false), notInCluster());
        assertThat(c.server()).isEqualTo("https://api:6443");
        assertThat(c.bearerToken()).isEqualTo("t");
    }

    @Test
    void withNothingSetThePodsServiceAccountIsUsed() throws IOException {
        Files.writeString(dir.resolve("token"), "sa-token\n");
        Files.writeString(dir.resolve("ca.crt"), "SA-CA");
        InClusterEnvironment env = new InClusterEnvironment(Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1",
                "KUBERNETES_SERVICE_PORT", "443"), dir.resolve("token"), dir.resolve("ca.crt"));
        KubeConnection c = KubeConnections.resolve(KubernetesSettings.NONE, env);
        assertThat(c.server()).isEqualTo("https://10.96.0.1:443");
        assertThat(c.bearerToken()).isEqualTo("sa-token");
        assertThat(c.caCertificatePem()).isEqualTo("SA-CA");
        assertThat(c.bearerTokenFile()).as("re-read when the kubelet rotates it").isEqualTo(dir.resolve("token"));
    }

    @Test
    void anIpv6ServiceHostIsBracketed() throws IOException {
        Files.writeString(dir.resolve("token"), "t");
        InClusterEnvironment env = new InClusterEnvironment(Map.of("KUBERNETES_SERVICE_HOST", "fd00::1",
                "KUBERNETES_SERVICE_PORT", "443"), dir.resolve("token"), dir.resolve("none"));
        assertThat(KubeConnections.resolve(KubernetesSettings.NONE, env).server()).isEqualTo("https://[fd00::1]:443");
    }

    @Test
    void outsideAPodWithNothingSetTheErrorSaysWhatToSet() {
        assertThatThrownBy(() -> KubeConnections.resolve(KubernetesSettings.NONE, notInCluster()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("KUBECONFIG").hasMessageContaining("K8S_API_ENDPOINT");
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> KubeConnections.resolve(settings("", "https://a", "", "", "/nonexistent/ca.pem", null,
                false), notInCluster())).hasMessageContaining("K8S_CA_FILE").hasMessageContaining("/nonexistent/ca.pem");
    }

    @Test
    void execPluginsAreRefusedClearly() throws IOException {
        Path kc = kubeconfig("    exec: {command: aws}\n");
        assertThatThrownBy(() -> KubeConnections.resolve(settings(kc.toString(), "", "", "", "", null, false), notInCluster()))
                .hasMessageContaining("exec or auth-provider plugin");
    }

    @Test
    void theTokenAndKeyNeverAppearInTheConnectionsTextForm() {
        KubeConnection c = new KubeConnection("https://a", null, "CERT", "KEY-MATERIAL", "TOKEN-VALUE", false);
        assertThat(c.toString()).doesNotContain("KEY-MATERIAL").doesNotContain("TOKEN-VALUE").contains("https://a");
    }
}
