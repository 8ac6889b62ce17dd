package io.calicoj.cni.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.json.JsonTrees;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DelCommandTest {

    private final Plugins plugins = new Plugins();

    @Test
    void delBlanksThePodIpReleasesTheAddressAndRemovesTheVeth() {
        plugins.run("ADD", Plugins.config("1.0.0"));

        CniPlugin.Outcome out = plugins.run("DEL", Plugins.config("1.0.0"));

        assertThat(out.exitCode()).isZero();
        assertThat(plugins.api.annotations("default", "nginx")).containsEntry("cni.projectcalico.org/podIP", "")
                .containsEntry("cni.projectcalico.org/podIPs", "")
                .containsEntry("cni.projectcalico.org/containerID", Plugins.CONTAINER);
        assertThat(plugins.ipam.allocations).isEmpty();
        assertThat(plugins.network.hostInterfaces).isEmpty();
    }

    @Test
    void delGivesHostLocalADummySubnetInsteadOfAskingForThePodCidr() {
        plugins.run("DEL", Plugins.config("1.0.0"));

        JsonNode config = JsonTrees.parse(plugins.ipam.configs.get(0));
        assertThat(config.path("ipam").path("subnet").asString()).isEqualTo("0.0.0.0/0");
        assertThat(plugins.api.calls).doesNotContain("GET node " + Plugins.NODE);
    }

    @Test
    void delOfAPodThatIsGoneStillCleansUp() {
        plugins.run("ADD", Plugins.config("1.0.0"));
        plugins.api.pods.clear();

        assertThat(plugins.run("DEL", Plugins.config("1.0.0")).exitCode()).isZero();
        assertThat(plugins.ipam.allocations).isEmpty();
        assertThat(plugins.network.hostInterfaces).isEmpty();
    }

    @Test
    void delOfAnOldSandboxLeavesTheNewSandboxesAnnotations() {
        plugins.run("ADD", "old0123456789", Plugins.config("1.0.0"));
        plugins.run("ADD", "new0123456789", "/var/run/netns/cjnew", Plugins.config("1.0.0"));

        plugins.run("DEL", "old0123456789", Plugins.config("1.0.0"));

        assertThat(plugins.api.annotations("default", "nginx")).containsEntry("cni.projectcalico.org/containerID", "new0123456789")
                .containsEntry("cni.projectcalico.org/podIP", "10.244.1.3/32");
        assertThat(plugins.ipam.allocations).containsOnlyKeys("new0123456789");
        assertThat(plugins.network.containerInterfaces).containsOnlyKeys("/var/run/netns/cjnew/eth0");
    }

    @Test
    void delOfNothingSucceedsWithoutPatching() {
        assertThat(plugins.run("DEL", Plugins.config("1.0.0")).exitCode()).isZero();
        assertThat(plugins.api.calls).containsExactly("GET pod default/nginx");
    }

    @Test
    void apiFailureStillReleasesAndRemovesThenReportsIt() {
        plugins.run("ADD", Plugins.config("1.0.0"));
        plugins.api.failPatch(new CniException(CniException.TRY_AGAIN_LATER, "API down"));

        CniPlugin.Outcome out = plugins.run("DEL", Plugins.config("1.0.0"));

        assertThat(JsonTrees.parse(out.stdout()).path("code").asInt()).isEqualTo(CniException.TRY_AGAIN_LATER);
        assertThat(plugins.ipam.allocations).isEmpty();
        assertThat(plugins.network.hostInterfaces).isEmpty();
    }

    @Test
    void whenEverythingFailsTheApiFailureIsReportedFirstAsBefore() {
        plugins.run("ADD", Plugins.config("1.0.0"));
        plugins.api.failPatch(new CniException(CniException.TRY_AGAIN_LATER, "API down"));
        plugins.ipam.failDel(new CniException(CniException.IPAM, "store locked"));

        CniPlugin.Outcome out = plugins.run("DEL", Plugins.config("1.0.0"));

        assertThat(JsonTrees.parse(out.stdout()).path("msg").asString()).isEqualTo("API down");
        assertThat(plugins.network.hostInterfaces).isEmpty();
        assertThat(plugins.api.closes()).isEqualTo(2);
    }

    @Test
    void ipamFailureStillRemovesTheVeth() {
        plugins.run("ADD", Plugins.config("1.0.0"));
        plugins.ipam.failDel(new CniException(CniException.IPAM, "store locked"));

        CniPlugin.Outcome out = plugins.run("DEL", Plugins.config("1.0.0"));

        assertThat(JsonTrees.parse(out.stdout()).path("msg").asString()).isEqualTo("store locked");
        assertThat(plugins.network.hostInterfaces).isEmpty();
    }
}
