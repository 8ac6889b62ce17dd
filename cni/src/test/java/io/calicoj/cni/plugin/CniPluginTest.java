package io.calicoj.cni.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.json.JsonTrees;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CniPluginTest {

    private final Plugins plugins = new Plugins();

    private static JsonNode json(String s) {
        return JsonTrees.parse(s);
    }

    @Test
    void versionListsTheSupportedSpecVersions() {
        CniPlugin.Outcome out = new CniPlugin(plugins.context()).run(Map.of("CNI_COMMAND", "VERSION"), "");

        assertThat(out.exitCode()).isZero();
        assertThat(json(out.stdout()).path("cniVersion").asString()).isEqualTo("1.0.0");
        assertThat(json(out.stdout()).path("supportedVersions").toString()).isEqualTo("[\"0.3.1\",\"0.4.0\",\"1.0.0\"]");
    }

    @Test
    void missingVariablesAreNamedAllAtOnceWithCode4() {
        CniPlugin.Outcome out = new CniPlugin(plugins.context()).run(Map.of("CNI_COMMAND", "ADD"), Plugins.config("1.0.0"));

        assertThat(out.exitCode()).isEqualTo(1);
        JsonNode err = json(out.stdout());
        assertThat(err.path("code").asInt()).isEqualTo(4);
        assertThat(err.path("msg").asString())
                .isEqualTo("required env variables [CNI_CONTAINERID,CNI_NETNS,CNI_IFNAME,CNI_PATH] missing");
        assertThat(err.path("cniVersion").asString()).isEqualTo("1.0.0");
        assertThat(plugins.ipam.calls).isEmpty();
    }

    @Test
    void missingCommandIsCode4() {
        CniPlugin.Outcome out = new CniPlugin(plugins.context()).run(Map.of(), "");

        assertThat(json(out.stdout()).path("code").asInt()).isEqualTo(4);
        assertThat(json(out.stdout()).path("msg").asString()).contains("CNI_COMMAND");
    }

    @Test
    void unknownCommandIsCode4NamingIt() {
        CniPlugin.Outcome out = plugins.run("FROB", Plugins.config("1.0.0"));

        assertThat(json(out.stdout()).path("code").asInt()).isEqualTo(4);
        assertThat(json(out.stdout()).path("msg").asString()).isEqualTo("unknown CNI_COMMAND: FROB");
    }

    @Test
    void delNeedsNoNetworkNamespace() {
        Map<String, String> env = new java.util.HashMap<>(plugins.env("DEL", Plugins.CONTAINER));
        env.remove("CNI_NETNS");

        CniPlugin.Outcome out = new CniPlugin(plugins.context()).run(env, Plugins.config("1.0.0"));

        assertThat(out.exitCode()).isZero();
        assertThat(out.stdout()).isEmpty();
    }

    @Test
    void malformedJsonIsADecodingFailure() {
        CniPlugin.Outcome out = plugins.run("ADD", "{\"cniVersion\": \"1.0.0\", ");

        assertThat(out.exitCode()).isEqualTo(1);
        assertThat(json(out.stdout()).path("code").asInt()).isEqualTo(6);
        assertThat(json(out.stdout()).path("msg").asString()).startsWith("error decoding network config");
        assertThat(plugins.ipam.calls).isEmpty();
    }

    @Test
    void unsupportedVersionIsCode1WithTheSupportedListInDetails() {
        CniPlugin.Outcome out = plugins.run("ADD", Plugins.config("0.2.0"));

        JsonNode err = json(out.stdout());
        assertThat(err.path("code").asInt()).isEqualTo(1);
        assertThat(err.path("msg").asString()).isEqualTo("incompatible CNI versions");
        assertThat(err.path("details").asString()).isEqualTo("config is \"0.2.0\", plugin supports [0.3.1, 0.4.0, 1.0.0]");
        assertThat(err.path("cniVersion").asString()).isEqualTo("1.0.0");
    }

    @Test
    void configurationWithoutVersionIsTheUnsupportedFirstSpec() {
        CniPlugin.Outcome out = plugins.run("ADD", "{\"name\": \"n\", \"type\": \"calico\", \"ipam\": {\"type\": \"host-local\"}}");

        assertThat(json(out.stdout()).path("code").asInt()).isEqualTo(1);
        assertThat(json(out.stdout()).path("details").asString()).startsWith("config is \"0.1.0\"");
    }

    @Test
    void errorsCarryTheRequestsVersionOnceItIsKnown() {
        CniPlugin.Outcome out = plugins.run("ADD", "{\"cniVersion\": \"0.3.1\", \"type\": \"calico\"}");

        JsonNode err = json(out.stdout());
        assertThat(err.path("code").asInt()).isEqualTo(7);
        assertThat(err.path("msg").asString()).isEqualTo("missing network name");
        assertThat(err.path("cniVersion").asString()).isEqualTo("0.3.1");
        assertThat(err.has("details")).isFalse();
    }

    @Test
    void invalidContainerIdIsCode4() {
        CniPlugin.Outcome out = plugins.run("ADD", "-bad id", Plugins.config("1.0.0"));

        assertThat(json(out.stdout()).path("code").asInt()).isEqualTo(4);
        assertThat(json(out.stdout()).path("msg").asString()).startsWith("CNI_CONTAINERID: invalid container ID \"-bad id\"");
    }

    @Test
    void invalidDatastoreTypeInTheEnvironmentIsCode4() {
        plugins.extraEnv.put("DATASTORE_TYPE", "zookeeper");

        CniPlugin.Outcome out = plugins.run("ADD", Plugins.config("1.0.0").replace("\"datastore_type\": \"kubernetes\",", ""));

        assertThat(json(out.stdout()).path("code").asInt()).isEqualTo(4);
        assertThat(json(out.stdout()).path("msg").asString()).contains("zookeeper");
    }

    @Test
    void etcdDatastoreIsRefusedBeforeAnythingIsAllocated() {
        CniPlugin.Outcome out = plugins.run("ADD", Plugins.config("1.0.0").replace("\"kubernetes\",", "\"etcdv2\","));

        assertThat(json(out.stdout()).path("code").asInt()).isEqualTo(7);
        assertThat(json(out.stdout()).path("msg").asString()).contains("etcdv2");
        assertThat(plugins.ipam.calls).isEmpty();
    }

    @Test
    void checkIsRefusedFor031() {
        CniPlugin.Outcome out = plugins.run("CHECK", Plugins.config("0.3.1"));

        assertThat(json(out.stdout()).path("code").asInt()).isEqualTo(1);
        assertThat(json(out.stdout()).path("msg").asString()).isEqualTo("config version does not allow CHECK");
    }

    @Test
    void checkWithoutPrevResultIsAnInvalidConfig() {
        CniPlugin.Outcome out = plugins.run("CHECK", Plugins.config("1.0.0"));

        assertThat(json(out.stdout()).path("code").asInt()).isEqualTo(7);
        assertThat(json(out.stdout()).path("msg").asString()).startsWith("prevResult: missing");
    }

    @Test
    void addThenCheckThenDelThenDelAgain() {
        CniPlugin.Outcome add = plugins.run("ADD", Plugins.config("0.4.0"));
        assertThat(add.exitCode()).as(add.stdout()).isZero();

        String check = Plugins.config("0.4.0").replaceFirst("\\{", "{\"prevResult\": " + add.stdout() + ",");
        assertThat(plugins.run("CHECK", check).exitCode()).isZero();
        assertThat(plugins.run("DEL", Plugins.config("0.4.0")).exitCode()).isZero();
        assertThat(plugins.run("DEL", Plugins.config("0.4.0")).exitCode()).isZero();

        assertThat(plugins.ipam.allocations).isEmpty();
        assertThat(plugins.network.hostInterfaces).isEmpty();
        CniPlugin.Outcome checkAfterDel = plugins.run("CHECK", check);
        assertThat(json(checkAfterDel.stdout()).path("code").asInt()).isEqualTo(CniException.IPAM);
    }

    @Test
    void anUnexpectedExceptionBecomesCode100() {
        PluginContext broken = new PluginContext(Map.of(), plugins.ipam, plugins.network, conf -> {
            throw new IllegalStateException("boom");
        }, () -> "n", plugins.podCidrs);

        CniPlugin.Outcome out = new CniPlugin(broken).run(plugins.env("ADD", Plugins.CONTAINER), Plugins.config("1.0.0"));

        assertThat(json(out.stdout()).path("code").asInt()).isEqualTo(100);
        assertThat(json(out.stdout()).path("msg").asString()).isEqualTo("boom");
    }
}
