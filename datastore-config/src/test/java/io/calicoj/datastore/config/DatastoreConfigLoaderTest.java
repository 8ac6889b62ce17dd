package io.calicoj.datastore.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatastoreConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void withNothingSetTheDatastoreIsKubernetesViaTheServiceAccount() {
        DatastoreConfig c = DatastoreConfigLoader.fromEnvironment(Map.of());
        assertThat(c.type()).isEqualTo(DatastoreType.KUBERNETES);
        assertThat(c.kubernetes().isEmpty()).isTrue();
        assertThat(c.etcd().endpoints()).containsExactly("http://127.0.0.1:2379");
        assertThat(c.source()).isEqualTo("environment");
    }

    @Test
    void everyKubernetesVariableIsRead() {
        DatastoreConfig c = DatastoreConfigLoader.fromEnvironment(Map.of(
                "DATASTORE_TYPE", "kubernetes", "KUBECONFIG", "/k/config", "K8S_API_ENDPOINT", "https://api:6443",
                "K8S_CERT_FILE", "/c.pem", "K8S_KEY_FILE", "/k.pem", "K8S_CA_FILE", "/ca.pem",
                "K8S_API_TOKEN", "tok", "K8S_INSECURE_SKIP_TLS_VERIFY", "true", "K8S_DISABLE_NODE_POLL", "yes"));
        KubernetesSettings k = c.kubernetes();
        assertThat(k.kubeconfig()).isEqualTo("/k/config");
        assertThat(k.apiEndpoint()).isEqualTo("https://api:6443");
        assertThat(k.certFile()).isEqualTo("/c.pem");
        assertThat(k.keyFile()).isEqualTo("/k.pem");
        assertThat(k.caFile()).isEqualTo("/ca.pem");
        assertThat(k.token().reveal()).isEqualTo("tok");
        assertThat(k.insecureSkipTlsVerify()).isTrue();
        assertThat(k.disableNodePoll()).isTrue();
    }

    @Test
    void theDocumentedTokenVariableWorksAndCalicosOwnNameWinsWhenBothAreSet() {
        assertThat(DatastoreConfigLoader.fromEnvironment(Map.of("K8S_TOKEN", "documented")).kubernetes().token().reveal())
                .isEqualTo("documented");
        assertThat(DatastoreConfigLoader.fromEnvironment(Map.of("K8S_TOKEN", "a", "K8S_API_TOKEN", "b"))
                .kubernetes().token().reveal()).isEqualTo("b");
    }

    @Test
    void calicoPrefixedVariablesWinOverBareOnes() {
        DatastoreConfig c = DatastoreConfigLoader.fromEnvironment(Map.of(
                "CALICO_DATASTORE_TYPE", "etcdv2", "DATASTORE_TYPE", "kubernetes",
                "CALICO_K8S_API_ENDPOINT", "https://a", "K8S_API_ENDPOINT", "https://b"));
        assertThat(c.type()).isEqualTo(DatastoreType.ETCDV2);
        assertThat(c.kubernetes().apiEndpoint()).isEqualTo("https://a");
    }

    @Test
    void etcdSettingsComeFromEndpointsOrTheDeprecatedSchemeAndAuthority() {
        DatastoreConfig c = DatastoreConfigLoader.fromEnvironment(Map.of("DATASTORE_TYPE", "etcdv2",
                "ETCD_ENDPOINTS", "http://10.0.0.1:2379, http://10.0.0.2:2379", "ETCD_USERNAME", "u",
                "ETCD_PASSWORD", "p", "ETCD_KEY_FILE", "/k", "ETCD_CERT_FILE", "/c", "ETCD_CA_CERT_FILE", "/ca"));
        assertThat(c.etcd().endpoints()).containsExactly("http://10.0.0.1:2379", "http://10.0.0.2:2379");
        assertThat(c.etcd().username()).isEqualTo("u");
        assertThat(c.etcd().password().reveal()).isEqualTo("p");
        assertThat(c.etcd().keyFile()).isEqualTo("/k");
        assertThat(c.etcd().certFile()).isEqualTo("/c");
        assertThat(c.etcd().caCertFile()).isEqualTo("/ca");
        assertThat(DatastoreConfigLoader.fromEnvironment(Map.of("ETCD_SCHEME", "https", "ETCD_AUTHORITY", "e:4001"))
                .etcd().endpoints()).containsExactly("https://e:4001");
    }

    @Test
    void aBadValueIsNamedInTheError() {
        assertThatThrownBy(() -> DatastoreConfigLoader.fromEnvironment(Map.of("DATASTORE_TYPE", "consul")))
                .isInstanceOf(ConfigException.class).hasMessage("DATASTORE_TYPE: invalid value \"consul\": must be kubernetes or etcdv2");
        assertThatThrownBy(() -> DatastoreConfigLoader.fromEnvironment(Map.of("K8S_INSECURE_SKIP_TLS_VERIFY", "maybe")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("K8S_INSECURE_SKIP_TLS_VERIFY");
    }

    @Test
    void aV3ConfigFileIsRead() throws IOException {
        Path f = write("calicoctl.cfg", """
                apiVersion: projectcalico.org/v3
                kind: CalicoAPIConfig
                metadata: {}
                spec:
                  datastoreType: kubernetes
                  kubeconfig: /root/.kube/config
                  k8sAPIToken: secret-token
                  k8sInsecureSkipTLSVerify: true
                """);
        DatastoreConfig c = DatastoreConfigLoader.fromFile(f);
        assertThat(c.kubernetes().kubeconfig()).isEqualTo("/root/.kube/config");
        assertThat(c.kubernetes().token().reveal()).isEqualTo("secret-token");
        assertThat(c.kubernetes().insecureSkipTlsVerify()).isTrue();
        assertThat(c.source()).isEqualTo(f.toString());
    }

    @Test
    void theOldV1FileFormatWithTheDocumentedTokenKeyIsRead() throws IOException {
        Path f = write("c.json", """
                {"apiVersion": "v1", "kind": "calicoApiConfig", "metadata": {},
                 "spec": {"datastoreType": "kubernetes", "k8sAPIEndpoint": "https://api:6443", "k8sToken": "t"}}
                """);
        DatastoreConfig c = DatastoreConfigLoader.fromFile(f);
        assertThat(c.kubernetes().apiEndpoint()).isEqualTo("https://api:6443");
        assertThat(c.kubernetes().token().reveal()).isEqualTo("t");
    }

    @Test
    void unknownKeysInTheFileAreErrorsNamingTheKey() throws IOException {
        Path f = write("c.yaml", """
                apiVersion: projectcalico.org/v3
                kind: CalicoAPIConfig
                spec:
                  datastoreType: kubernetes
                  k8sApiEndpoint: https://typo
                """);
        assertThatThrownBy(() -> DatastoreConfigLoader.fromFile(f)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown field \"spec.k8sApiEndpoint\"");
    }

    @Test
    void aWrongKindOrApiVersionIsAnError() throws IOException {
        Path kind = write("k.yaml", "apiVersion: projectcalico.org/v3\nkind: BGPPeer\n");
        assertThatThrownBy(() -> DatastoreConfigLoader.fromFile(kind))
                .hasMessageContaining("expected kind 'CalicoAPIConfig', got 'BGPPeer'");
        Path version = write("v.yaml", "apiVersion: v2\nkind: calicoApiConfig\n");
        assertThatThrownBy(() -> DatastoreConfigLoader.fromFile(version)).hasMessageContaining("unknown APIVersion 'v2'");
    }

    @Test
    void calicoctlUsesTheFileWhenItExistsAndTheEnvironmentOtherwise() throws IOException {
        Map<String, String> env = Map.of("K8S_API_ENDPOINT", "https://from-env");
        assertThat(DatastoreConfigLoader.forCalicoctl(dir.resolve("missing.cfg"), env).kubernetes().apiEndpoint())
                .isEqualTo("https://from-env");
        Path f = write("calicoctl.cfg", "apiVersion: projectcalico.org/v3\nkind: CalicoAPIConfig\nspec:\n  k8sAPIEndpoint: https://from-file\n");
        assertThat(DatastoreConfigLoader.forCalicoctl(f, env).kubernetes().apiEndpoint()).isEqualTo("https://from-file");
    }

    @Test
    void secretsNeverAppearInTextForms() {
        DatastoreConfig c = DatastoreConfigLoader.fromEnvironment(Map.of("K8S_API_TOKEN", "s3cr3t-token",
                "ETCD_PASSWORD", "s3cr3t-pass"));
        assertThat(c.toString()).doesNotContain("s3cr3t").contains("<redacted>");
        assertThat(List.of(c.kubernetes(), c.etcd()).toString()).doesNotContain("s3cr3t");
    }

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }
}
