package io.calicoj.cni.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.json.JsonTrees;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AddCommandTest {

    private final Plugins plugins = new Plugins();

    private static JsonNode json(String s) {
        return JsonTrees.parse(s);
    }

    @Test
    void addAllocatesFromTheNodesPodCidrBuildsTheVethAndAnnotatesThePod() {
        CniPlugin.Outcome out = plugins.run("ADD", Plugins.config("1.0.0"));

        assertThat(out.exitCode()).as(out.stdout()).isZero();
        assertThat(json(plugins.ipam.configs.get(0)).path("ipam").path("subnet").asString()).isEqualTo("10.244.1.0/24");
        NetworkSetup.Veth veth = plugins.network.hostInterfaces.get("calic440f455693");
        assertThat(veth.addresses()).containsExactly("10.244.1.2");
        assertThat(veth.routes()).containsExactly("0.0.0.0/0");
        assertThat(veth.mtu()).isEqualTo(1440);
        assertThat(veth.containerInterface()).isEqualTo("eth0");
        assertThat(plugins.api.annotations("default", "nginx")).containsEntry("cni.projectcalico.org/podIP", "10.244.1.2/32")
                .containsEntry("cni.projectcalico.org/podIPs", "10.244.1.2/32")
                .containsEntry("cni.projectcalico.org/containerID", Plugins.CONTAINER);
    }

    @Test
    void resultIsA32WithoutGatewayListingBothEndsOfTheVeth() {
        JsonNode r = json(plugins.run("ADD", Plugins.config("1.0.0")).stdout());

        assertThat(r.path("cniVersion").asString()).isEqualTo("1.0.0");
        assertThat(r.path("interfaces").toString()).isEqualTo("[{\"name\":\"calic440f455693\",\"mac\":\"ee:ee:ee:ee:ee:ee\"},"
                + "{\"name\":\"eth0\",\"mac\":\"02:00:00:00:00:01\",\"sandbox\":\"/var/run/netns/cjtest\"}]");
        assertThat(r.path("ips").toString()).isEqualTo("[{\"address\":\"10.244.1.2/32\",\"interface\":1}]");
        assertThat(r.path("routes").toString()).isEqualTo("[{\"dst\":\"0.0.0.0/0\",\"gw\":\"169.254.1.1\"}]");
    }

    @Test
    void resultFor031And040CarriesTheIpVersion() {
        for (String v : new String[] {"0.3.1", "0.4.0"}) {
            Plugins p = new Plugins();
            JsonNode r = json(p.run("ADD", Plugins.config(v)).stdout());
            assertThat(r.path("cniVersion").asString()).isEqualTo(v);
            assertThat(r.path("ips").path(0).path("version").asString()).isEqualTo("4");
        }
    }

    @Test
    void nodeWithoutPodCidrFailsBeforeAnyAllocation() {
        plugins.api.withNode(Plugins.NODE, "");

        JsonNode err = json(plugins.run("ADD", Plugins.config("1.0.0")).stdout());

        assertThat(err.path("code").asInt()).isEqualTo(CniException.KUBERNETES);
        assertThat(err.path("msg").asString()).isEqualTo("No podCidr for node node-1");
        assertThat(plugins.ipam.calls).isEmpty();
    }

    @Test
    void kubernetesNodeNameWinsOverNodename() {
        plugins.api.withNode("k8s-name", "10.9.0.0/24");

        plugins.run("ADD", Plugins.config("1.0.0").replace("\"kubeconfig\":", "\"node_name\": \"k8s-name\", \"kubeconfig\":"));

        assertThat(plugins.api.calls).startsWith("GET node k8s-name");
    }

    @Test
    void aMissingNamespaceFailsBeforeAnythingIsAllocated() {
        plugins.network.missingNamespaces.add("/var/run/netns/cjtest");

        JsonNode err = json(plugins.run("ADD", Plugins.config("1.0.0")).stdout());

        assertThat(err.path("code").asInt()).isEqualTo(4);
        assertThat(err.path("msg").asString()).isEqualTo("CNI_NETNS: no network namespace at /var/run/netns/cjtest");
        assertThat(plugins.ipam.calls).isEmpty();
        assertThat(plugins.api.calls).isEmpty();
    }

    @Test
    void ipamFailureLeavesNothingAndIsNotUndone() {
        plugins.ipam.failNextAdd(new CniException(CniException.IPAM, "no IP addresses available in range set"));

        CniPlugin.Outcome out = plugins.run("ADD", Plugins.config("1.0.0"));

        assertThat(json(out.stdout()).path("code").asInt()).isEqualTo(CniException.IPAM);
        assertThat(plugins.ipam.calls).containsExactly("ADD " + Plugins.CONTAINER);
        assertThat(plugins.network.hostInterfaces).isEmpty();
        assertThat(plugins.api.annotations("default", "nginx")).isEmpty();
    }

    @Test
    void repeatedAddRefusedByIpamDoesNotReleaseTheFirstAllocation() {
        plugins.run("ADD", Plugins.config("1.0.0"));

        CniPlugin.Outcome again = plugins.run("ADD", Plugins.config("1.0.0"));

        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(plugins.ipam.allocations).containsEntry(Plugins.CONTAINER, "10.244.1.2");
    }

    @Test
    void networkFailureReleasesTheAddressAndRemovesThePair() {
        plugins.network.failSetUpAfterCreating(new CniException(CniException.DATAPLANE, "cannot set proxy_arp"));

        CniPlugin.Outcome out = plugins.run("ADD", Plugins.config("1.0.0"));

        assertThat(json(out.stdout()).path("code").asInt()).isEqualTo(CniException.DATAPLANE);
        assertThat(plugins.ipam.allocations).isEmpty();
        assertThat(plugins.network.hostInterfaces).isEmpty();
        assertThat(plugins.network.containerInterfaces).isEmpty();
        assertThat(plugins.api.annotations("default", "nginx")).as("annotated while the veth was built, then removed")
                .isEmpty();
        assertThat(plugins.api.calls).containsExactly("GET node node-1", "PATCH pod default/nginx", "PATCH pod default/nginx");
    }

    @Test
    void theNodesPodCidrIsCachedSoIpamNeedNotWaitForTheApiAndTheNodeIsCheckedBeforeThePatchOnTheSameConnection() {
        plugins.run("ADD", Plugins.config("1.0.0"));
        assertThat(plugins.podCidrs.cidrs).containsExactly(java.util.Map.entry(Plugins.NODE, "10.244.1.0/24"));
        plugins.api.calls.clear();

        CniPlugin.Outcome second = plugins.run("ADD", "second0123456789", "/var/run/netns/cjtwo", Plugins.config("1.0.0"));

        assertThat(second.exitCode()).as(second.stdout()).isZero();
        assertThat(plugins.api.calls).containsExactly("GET node node-1", "PATCH pod default/nginx");
        assertThat(json(plugins.ipam.configs.get(1)).path("ipam").path("subnet").asString()).isEqualTo("10.244.1.0/24");
    }

    @Test
    void aCachedPodCidrTheNodeNoLongerHasFailsTheAddLeavesNothingAndIsReplaced() {
        plugins.podCidrs.cidrs.put(Plugins.NODE, "10.7.0.0/24");

        CniPlugin.Outcome out = plugins.run("ADD", Plugins.config("1.0.0"));

        JsonNode err = json(out.stdout());
        assertThat(err.path("code").asInt()).isEqualTo(CniException.KUBERNETES);
        assertThat(err.path("msg").asString())
                .isEqualTo("The pod CIDR of node node-1 is now 10.244.1.0/24, not the cached 10.7.0.0/24");
        assertThat(json(plugins.ipam.configs.get(0)).path("ipam").path("subnet").asString()).isEqualTo("10.7.0.0/24");
        assertThat(plugins.ipam.allocations).isEmpty();
        assertThat(plugins.network.hostInterfaces).isEmpty();
        assertThat(plugins.api.annotations("default", "nginx")).isEmpty();
        assertThat(plugins.podCidrs.cidrs).containsExactly(java.util.Map.entry(Plugins.NODE, "10.244.1.0/24"));

        CniPlugin.Outcome retry = plugins.run("ADD", Plugins.config("1.0.0"));
        assertThat(retry.exitCode()).as(retry.stdout()).isZero();
        assertThat(json(plugins.ipam.configs.get(2)).path("ipam").path("subnet").asString()).isEqualTo("10.244.1.0/24");
    }

    @Test
    void aCachedPodCidrOfANodeThatLostItsCidrFailsTheAdd() {
        plugins.podCidrs.cidrs.put(Plugins.NODE, "10.244.1.0/24");
        plugins.api.withNode(Plugins.NODE, "");

        JsonNode err = json(plugins.run("ADD", Plugins.config("1.0.0")).stdout());

        assertThat(err.path("msg").asString()).isEqualTo("No podCidr for node node-1");
        assertThat(plugins.ipam.allocations).isEmpty();
        assertThat(plugins.network.hostInterfaces).isEmpty();
    }

    @Test
    void aNodeWithoutPodCidrIsNotCached() {
        plugins.api.withNode(Plugins.NODE, "");

        plugins.run("ADD", Plugins.config("1.0.0"));

        assertThat(plugins.podCidrs.cidrs).isEmpty();
    }

    @Test
    void aNodeNameThatIsNotAKubernetesNameIsRefusedBeforeItIsUsed() {
        JsonNode err = json(plugins.run("ADD", Plugins.config("1.0.0").replace("\"nodename\": \"node-1\"",
                "\"nodename\": \"../../etc\"")).stdout());

        assertThat(err.path("code").asInt()).isEqualTo(CniException.INVALID_NETWORK_CONFIG);
        assertThat(err.path("msg").asString()).isEqualTo("node name: invalid Kubernetes name \"../../etc\"");
        assertThat(plugins.ipam.calls).isEmpty();
    }

    @Test
    void theApiConnectionIsClosedWhenAddEndsWhetherItSucceededOrNot() {
        plugins.run("ADD", Plugins.config("1.0.0"));
        assertThat(plugins.api.closes()).isEqualTo(1);

        plugins.network.failSetUpAfterCreating(new CniException(CniException.DATAPLANE, "cannot set proxy_arp"));
        plugins.run("ADD", "other0123456789", "/var/run/netns/cjother", Plugins.config("1.0.0"));
        assertThat(plugins.api.closes()).isEqualTo(2);
    }

    @Test
    void apiFailureOnThePatchUndoesTheVethAndTheAddress() {
        plugins.api.failPatch(new CniException(CniException.TRY_AGAIN_LATER, "cannot patch pod default/nginx: HTTP 500"));

        CniPlugin.Outcome out = plugins.run("ADD", Plugins.config("1.0.0"));

        assertThat(json(out.stdout()).path("code").asInt()).isEqualTo(CniException.TRY_AGAIN_LATER);
        assertThat(plugins.ipam.allocations).isEmpty();
        assertThat(plugins.network.hostInterfaces).isEmpty();
        assertThat(plugins.ipam.calls).containsExactly("ADD " + Plugins.CONTAINER, "DEL " + Plugins.CONTAINER);
    }

    @Test
    void podMissingFromTheApiUndoesEverything() {
        plugins.api.pods.clear();

        JsonNode err = json(plugins.run("ADD", Plugins.config("1.0.0")).stdout());

        assertThat(err.path("msg").asString()).isEqualTo("pod default/nginx not found in the Kubernetes API");
        assertThat(plugins.ipam.allocations).isEmpty();
        assertThat(plugins.network.hostInterfaces).isEmpty();
    }

    @Test
    void failedUndoIsReportedInDetailsKeepingTheOriginalError() {
        plugins.network.failSetUpAfterCreating(new CniException(CniException.DATAPLANE, "link up failed"));
        plugins.ipam.failDel(new CniException(CniException.IPAM, "disk full"));

        JsonNode err = json(plugins.run("ADD", Plugins.config("1.0.0")).stdout());

        assertThat(err.path("msg").asString()).isEqualTo("link up failed");
        assertThat(err.path("details").asString()).contains("release the address").contains("disk full");
        assertThat(plugins.network.hostInterfaces).isEmpty();
    }

    @Test
    void explicitSubnetNeedsNoNodeLookup() {
        plugins.run("ADD", Plugins.config("1.0.0").replace("usePodCidr", "10.1.0.0/16"));

        assertThat(plugins.api.calls).containsExactly("PATCH pod default/nginx");
        assertThat(json(plugins.ipam.configs.get(0)).path("ipam").path("subnet").asString()).isEqualTo("10.1.0.0/16");
    }

    @Test
    void containerOutsideKubernetesGetsAContainerIdInterfaceAndNoApiCalls() {
        java.util.Map<String, String> env = plugins.env("ADD", Plugins.CONTAINER);
        env.put("CNI_ARGS", "");

        CniPlugin.Outcome out = new CniPlugin(plugins.context()).run(env,
                Plugins.config("1.0.0").replace("usePodCidr", "10.1.0.0/16"));

        assertThat(out.exitCode()).as(out.stdout()).isZero();
        assertThat(plugins.network.hostInterfaces).containsKey("calic0ffee01234");
        assertThat(plugins.api.calls).isEmpty();
    }

    @Test
    void interfacePrefixFollowsTheAgentsSetting() {
        plugins.extraEnv.put("FELIX_INTERFACEPREFIX", "cj,tap");

        plugins.run("ADD", Plugins.config("1.0.0"));

        assertThat(plugins.network.hostInterfaces).containsKey("cjc440f455693");
    }
}
