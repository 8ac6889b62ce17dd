package io.calicoj.cni.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calicoj.datastore.config.DatastoreType;
import io.calicoj.datastore.config.KubernetesSettings;
import io.calicoj.datastore.config.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetConfTest {

    private static NetConf parse(String json) throws CniException {
        return NetConf.parse(Json.parseObject(json, "network config"));
    }

    private static String withIpamType(String type) {
        return "{\"cniVersion\": \"1.0.0\", \"name\": \"n\", \"ipam\": {\"type\": \"" + type + "\"}}";
    }

    @Test
    void readsCalicosFields() throws CniException {
        NetConf c = parse(Plugins.config("0.3.1"));

        assertThat(c.cniVersion()).isEqualTo("0.3.1");
        assertThat(c.name()).isEqualTo("k8s-pod-network");
        assertThat(c.type()).isEqualTo("calico");
        assertThat(c.datastoreType()).contains(DatastoreType.KUBERNETES);
        assertThat(c.nodename()).isEqualTo("node-1");
        assertThat(c.mtu()).isEqualTo(1440);
        assertThat(c.logLevel()).isEqualTo("info");
        assertThat(c.kubeconfig()).isEqualTo("/etc/cni/net.d/calico-kubeconfig");
        assertThat(c.isKubernetesPolicy()).isTrue();
        assertThat(c.ipamType()).isEqualTo("host-local");
        assertThat(c.policyToken()).isEqualTo(Secret.of("s3cr3t-token"));
    }

    @Test
    void toStringNeverShowsTheToken() throws CniException {
        assertThat(parse(Plugins.config("1.0.0")).toString()).doesNotContain("s3cr3t").contains("k8s_auth_token=<redacted>");
    }

    @Test
    void deprecatedHostnameIsTheNodenameWhenNodenameIsAbsent() throws CniException {
        NetConf c = parse("{\"cniVersion\": \"1.0.0\", \"name\": \"n\", \"hostname\": \"h1\", \"ipam\": {\"type\": \"host-local\"}}");

        assertThat(c.nodename()).isEqualTo("h1");
        assertThat(c.usesDeprecatedHostname()).isTrue();
        NetConf both = parse("{\"cniVersion\": \"1.0.0\", \"name\": \"n\", \"hostname\": \"h1\", \"nodename\": \"n1\","
                + " \"ipam\": {\"type\": \"host-local\"}}");
        assertThat(both.nodename()).isEqualTo("n1");
        assertThat(both.usesDeprecatedHostname()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../bin/sh", "/usr/bin/host-local", "..", ".", "sub/host-local", "a..b", "x\\\\y"})
    void ipamTypeMustBeAPlainFileName(String type) {
        assertThatThrownBy(() -> parse(withIpamType(type)))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(7);
                    assertThat(e.msg()).startsWith("ipam.type: invalid plugin name");
                });
    }

    @Test
    void ipamIsRequired() {
        assertThatThrownBy(() -> parse("{\"cniVersion\": \"1.0.0\", \"name\": \"n\"}"))
                .hasMessageStartingWith("ipam: missing");
        assertThatThrownBy(() -> parse(withIpamType("")))
                .hasMessageStartingWith("ipam.type: missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1500\"", "1.5", "-1", "67", "65536", "true"})
    void mtuMustBeANumberInRange(String mtu) {
        assertThatThrownBy(() -> parse("{\"cniVersion\": \"1.0.0\", \"name\": \"n\", \"mtu\": " + mtu
                + ", \"ipam\": {\"type\": \"host-local\"}}"))
                .isInstanceOfSatisfying(CniException.class, e -> assertThat(e.msg()).startsWith("mtu: "));
    }

    @Test
    void networkNameFollowsLibcnisRule() {
        assertThatThrownBy(() -> parse("{\"cniVersion\": \"1.0.0\", \"name\": \"bad name\", \"ipam\": {\"type\": \"host-local\"}}"))
                .hasMessageStartingWith("name: invalid network name \"bad name\"");
    }

    @Test
    void fieldsOfTheWrongTypeAreNamed() {
        assertThatThrownBy(() -> parse("{\"cniVersion\": \"1.0.0\", \"name\": \"n\", \"kubernetes\": {\"kubeconfig\": 7},"
                + " \"ipam\": {\"type\": \"host-local\"}}"))
                .hasMessage("kubernetes.kubeconfig: expected a string, got 7");
        assertThatThrownBy(() -> parse("{\"cniVersion\": \"1.0.0\", \"name\": \"n\", \"policy\": [], \"ipam\": {\"type\": \"h\"}}"))
                .hasMessage("policy: expected an object, got []");
    }

    @Test
    void unknownDatastoreTypeIsRefused() {
        assertThatThrownBy(() -> parse("{\"cniVersion\": \"1.0.0\", \"name\": \"n\", \"datastore_type\": \"consul\","
                + " \"ipam\": {\"type\": \"host-local\"}}"))
                .isInstanceOfSatisfying(CniException.class, e -> assertThat(e.msg()).contains("\"consul\""));
    }

    @Test
    void netconfOverridesTheEnvironmentsKubernetesSettings() throws CniException {
        KubernetesSettings env = new KubernetesSettings("/env/kubeconfig", "https://env:6443", "/env/cert", "/env/key",
                "/env/ca", Secret.of("env-token"), true, false);
        NetConf c = parse("{\"cniVersion\": \"1.0.0\", \"name\": \"n\", \"ipam\": {\"type\": \"host-local\"},"
                + " \"kubernetes\": {\"k8s_api_root\": \"https://10.96.0.1:443/api/v1/\"},"
                + " \"policy\": {\"k8s_auth_token\": \"conf-token\", \"k8s_certificate_authority\": \"/conf/ca\"}}");

        KubernetesSettings s = c.kubernetesSettings(env);

        assertThat(s.kubeconfig()).isEqualTo("/env/kubeconfig");
        assertThat(s.apiEndpoint()).isEqualTo("https://10.96.0.1:443");
        assertThat(s.caFile()).isEqualTo("/conf/ca");
        assertThat(s.certFile()).isEqualTo("/env/cert");
        assertThat(s.token()).isEqualTo(Secret.of("conf-token"));
        assertThat(s.insecureSkipTlsVerify()).isTrue();
    }

    @Test
    void policyApiRootIsTheFallbackApiRoot() throws CniException {
        NetConf c = parse("{\"cniVersion\": \"1.0.0\", \"name\": \"n\", \"ipam\": {\"type\": \"host-local\"},"
                + " \"policy\": {\"k8s_api_root\": \"https://1.2.3.4:443/api\"}}");

        assertThat(c.kubernetesSettings(KubernetesSettings.NONE).apiEndpoint()).isEqualTo("https://1.2.3.4:443");
    }
}
