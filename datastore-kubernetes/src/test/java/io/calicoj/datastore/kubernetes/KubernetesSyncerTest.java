package io.calicoj.datastore.kubernetes;

import static io.calicoj.datastore.kubernetes.Fixtures.namespace;
import static io.calicoj.datastore.kubernetes.Fixtures.nodeKey;
import static io.calicoj.datastore.kubernetes.Fixtures.pod;
import static io.calicoj.datastore.kubernetes.Fixtures.policy;
import static io.calicoj.datastore.kubernetes.Fixtures.policyKey;
import static io.calicoj.datastore.kubernetes.Fixtures.profileKey;
import static io.calicoj.datastore.kubernetes.Fixtures.wepKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.datastore.SyncStatus;
import io.calicoj.model.NetworkPolicy;
import io.calicoj.model.Node;
import io.calicoj.model.Profile;
import io.calicoj.model.Resource;
import io.calicoj.model.ResourceKey;
import io.calicoj.model.WorkloadEndpoint;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.event.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KubernetesSyncerTest {

    private KubernetesMockServer server;
    private KubernetesClient kube;
    private KubernetesSyncer syncer;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void startServer() {
        server = MockApi.crud();
        kube = server.createClient();
    }

    @AfterEach
    void stop() {
        if (syncer != null) {
            syncer.close();
        }
        kube.close();
        server.destroy();
    }

    private void startSyncer() {
        syncer = KubernetesSyncer.create(MockApi.connection(server, null), SyncerOptions.defaults("tst"));
        syncer.start(listener);
    }

    @Test
    void listsEveryTypeThenReportsInSync() {
        kube.namespaces().resource(namespace("web", Map.of("team", "a"))).create();
        kube.pods().resource(pod("web", "frontend", "n1", "10.0.0.5", Map.of("app", "fe"))).create();
        kube.network().v1().networkPolicies().resource(policy("web", "deny", Map.of("app", "fe"))).create();
        kube.nodes().resource(Fixtures.node("n1", "192.168.0.1")).create();

        startSyncer();
        listener.awaitInSync();

        assertThat(listener.statuses()).containsExactly(SyncStatus.WAIT_FOR_DATASTORE, SyncStatus.RESYNC_IN_PROGRESS,
                SyncStatus.IN_SYNC);
        assertThat(listener.view().keySet()).containsExactlyInAnyOrder(wepKey("web", "n1", "frontend"),
                profileKey("web"), policyKey("web", "deny"), nodeKey("n1"));
        assertThat(listener.violations()).isEmpty();
        assertThat(listener.threads()).containsExactly("calicoj-k8s-syncer");
        // Everything listed was delivered before IN_SYNC.
        List<RecordingListener.Call> calls = listener.calls();
        int inSync = calls.indexOf(new RecordingListener.Call(SyncStatus.IN_SYNC, List.of()));
        assertThat(calls.subList(0, inSync).stream().mapToInt(c -> c.updates().size()).sum()).isEqualTo(4);

        WorkloadEndpoint wep = (WorkloadEndpoint) listener.get(wepKey("web", "n1", "frontend"));
        assertThat(wep.spec().interfaceName()).startsWith("tst");
        assertThat(wep.spec().ipNetworks()).extracting(Object::toString).containsExactly("10.0.0.5/32");
        assertThat(wep.spec().profiles()).containsExactly("kns.web");
        assertThat(wep.metadata().labels()).containsEntry("app", "fe").containsEntry("projectcalico.org/namespace", "web");
        Profile profile = (Profile) listener.get(profileKey("web"));
        assertThat(profile.spec().labelsToApply()).containsEntry("pcns.team", "a");
        Node node = (Node) listener.get(nodeKey("n1"));
        assertThat(node.spec().bgp()).isNull();
        assertThat(node.spec().addresses()).containsExactly(new Node.Address("192.168.0.1", "InternalIP"));
    }

    @Test
    void listsComeFromTheWatchCacheAndWatchesAskForBookmarks() throws Exception {
        startSyncer();
        listener.awaitInSync();
        List<String> paths = new ArrayList<>();
        while (paths.stream().filter(p -> p.contains("watch=true")).count() < 4) {
            paths.add(server.takeRequest(30, TimeUnit.SECONDS).getPath());
        }
        assertThat(paths).contains("/api/v1/pods?resourceVersion=0", "/api/v1/namespaces?resourceVersion=0",
                "/apis/networking.k8s.io/v1/networkpolicies?resourceVersion=0", "/api/v1/nodes?resourceVersion=0");
        assertThat(paths.stream().filter(p -> p.contains("watch=true")))
                .hasSize(4)
                .allMatch(p -> p.contains("allowWatchBookmarks=true"));
    }

    @Test
    void eachTypeIsAddedChangedAndDeletedAfterInSync() {
        startSyncer();
        listener.awaitInSync();

        kube.namespaces().resource(namespace("shop", Map.of())).create();
        kube.pods().resource(pod("shop", "cart", "n2", "10.0.1.7", Map.of("app", "cart"))).create();
        kube.network().v1().networkPolicies().resource(policy("shop", "allow", Map.of("app", "cart"),
                Fixtures.fromPods(Map.of("app", "web"), 8080))).create();
        kube.nodes().resource(Fixtures.node("n2", "192.168.0.2")).create();
        listener.awaitPresent(profileKey("shop")).awaitPresent(wepKey("shop", "n2", "cart"))
                .awaitPresent(policyKey("shop", "allow")).awaitPresent(nodeKey("n2"));

        kube.pods().inNamespace("shop").withName("cart").edit(p -> {
            p.getMetadata().getLabels().put("tier", "backend");
            return p;
        });
        kube.network().v1().networkPolicies().inNamespace("shop").withName("allow").edit(np -> {
            np.getSpec().getIngress().get(0).getPorts().get(0).setPort(new IntOrString(9090));
            return np;
        });
        kube.nodes().withName("n2").edit(n -> {
            n.getStatus().getAddresses().get(0).setAddress("192.168.0.22");
            return n;
        });
        listener.await("pod label", r -> labels(r.get(wepKey("shop", "n2", "cart"))).containsKey("tier"));
        listener.await("policy port", r -> r.get(policyKey("shop", "allow")).toString().contains("9090"));
        listener.await("node address", r -> ((Node) r.get(nodeKey("n2"))).spec().addresses().get(0).address()
                .equals("192.168.0.22"));

        kube.pods().inNamespace("shop").withName("cart").delete();
        kube.network().v1().networkPolicies().inNamespace("shop").withName("allow").delete();
        kube.nodes().withName("n2").delete();
        kube.namespaces().withName("shop").delete();
        listener.awaitAbsent(wepKey("shop", "n2", "cart")).awaitAbsent(policyKey("shop", "allow"))
                .awaitAbsent(nodeKey("n2")).awaitAbsent(profileKey("shop"));
        assertThat(listener.updates(wepKey("shop", "n2", "cart")))
                .extracting(u -> u.getClass().getSimpleName()).containsExactly("Upsert", "Upsert", "Deletion");
        assertThat(listener.statuses()).endsWith(SyncStatus.IN_SYNC);
        assertThat(listener.violations()).isEmpty();
    }

    @Test
    void aNamespaceLabelChangeReachesItsProfile() {
        kube.namespaces().resource(namespace("web", Map.of("team", "a"))).create();
        startSyncer();
        listener.awaitInSync();

        kube.namespaces().withName("web").edit(ns -> {
            ns.getMetadata().setLabels(Map.of("team", "b", "env", "prod"));
            return ns;
        });

        listener.await("profile labels", r -> ((Profile) r.get(profileKey("web"))).spec().labelsToApply()
                .equals(Map.of("pcns.team", "b", "pcns.env", "prod", "pcns.projectcalico.org/name", "web")));
    }

    @Test
    void aChangeCalicoDoesNotSeeSendsNothing() {
        kube.pods().resource(pod("web", "a", "n1", "10.0.0.1", Map.of("app", "a"))).create();
        kube.pods().resource(pod("web", "b", "n1", "10.0.0.2", Map.of("app", "b"))).create();
        startSyncer();
        listener.awaitInSync();

        kube.pods().inNamespace("web").withName("a").edit(p -> {
            p.getMetadata().setAnnotations(Map.of("deployment.kubernetes.io/revision", "2"));
            p.getStatus().setStartTime("2026-01-01T00:00:00Z");
            return p;
        });
        kube.pods().inNamespace("web").withName("b").edit(p -> {
            p.getMetadata().getLabels().put("version", "2");
            return p;
        });

        // Pod events arrive in order: once b's change is here, a's change has been handled.
        listener.await("b relabelled", r -> labels(r.get(wepKey("web", "n1", "b"))).containsKey("version"));
        assertThat(listener.updates(wepKey("web", "n1", "a"))).hasSize(1);
    }

    @Test
    void aPodGetsItsEndpointWhenItHasAnIpAndLosesItWhenItFinishes() {
        startSyncer();
        listener.awaitInSync();
        kube.pods().resource(pod("web", "pending", "n1", null, Map.of())).create();
        Pod hostNetworkPod = pod("web", "hostnet", "n1", "192.168.0.1", Map.of());
        hostNetworkPod.getSpec().setHostNetwork(true);
        kube.pods().resource(hostNetworkPod).create();
        // The kubelet reports the IP through the status subresource.
        kube.pods().inNamespace("web").withName("pending").editStatus(p -> {
            p.getStatus().setPodIP("10.0.0.9");
            return p;
        });
        listener.awaitPresent(wepKey("web", "n1", "pending"));

        kube.pods().inNamespace("web").withName("pending").editStatus(p -> {
            p.getStatus().setPhase("Succeeded");
            return p;
        });

        listener.awaitAbsent(wepKey("web", "n1", "pending"));
        assertThat(listener.updates(wepKey("web", "n1", "hostnet"))).isEmpty();
    }

    @Test
    void aPodWithAnUnparsableIpIsReportedOnceAndCountsAsDeleted() {
        RecordingLogs.clear();
        kube.pods().resource(pod("web", "a", "n1", "10.0.0.1", Map.of())).create();
        startSyncer();
        listener.awaitInSync();
        ResourceKey key = wepKey("web", "n1", "a");
        assertThat(listener.view()).containsKey(key);

        kube.pods().inNamespace("web").withName("a").editStatus(p -> {
            p.getStatus().setPodIPs(List.of(new PodIP("10.0.0.999")));
            return p;
        });
        listener.awaitAbsent(key);
        kube.pods().inNamespace("web").withName("a").edit(p -> {
            p.getMetadata().setLabels(Map.of("still", "broken"));
            return p;
        });
        kube.pods().resource(pod("web", "marker", "n1", "10.0.0.3", Map.of())).create();
        listener.awaitPresent(wepKey("web", "n1", "marker"));

        assertThat(syncer.problems()).containsOnlyKeys(key);
        assertThat(syncer.problems().get(key)).contains("Pod web/a", "status.podIPs[0]", "10.0.0.999");
        assertThat(RecordingLogs.events(Level.WARN)).filteredOn(e -> e.message().contains("10.0.0.999")).hasSize(1);

        kube.pods().inNamespace("web").withName("a").editStatus(p -> {
            p.getStatus().setPodIPs(List.of(new PodIP("10.0.0.4")));
            return p;
        });
        listener.awaitPresent(key);
        assertThat(syncer.problems()).isEmpty();
    }

    @Test
    void aPolicyWithABadCidrKeepsItsGoodRulesAndReportsTheDroppedOne() {
        RecordingLogs.clear();
        kube.network().v1().networkPolicies().resource(policy("web", "mixed", Map.of("app", "fe"),
                Fixtures.fromCidr("10.0.0.0/33"), Fixtures.fromPods(Map.of("app", "be"), 80))).create();
        startSyncer();
        listener.awaitInSync();

        NetworkPolicy policy = (NetworkPolicy) listener.get(policyKey("web", "mixed"));
        assertThat(policy.spec().ingress()).hasSize(1);
        assertThat(policy.spec().ingress().get(0).toString()).contains("app == 'be'");
        assertThat(syncer.problems().get(policyKey("web", "mixed")))
                .contains("NetworkPolicy web/mixed", "spec.ingress[0]", "10.0.0.0/33");
        assertThat(RecordingLogs.events(Level.WARN)).filteredOn(e -> e.message().contains("10.0.0.0/33")).hasSize(1);
    }

    @Test
    void aPolicyWhoseSelectorCannotConvertIsDeleted() {
        kube.network().v1().networkPolicies().resource(policy("web", "p", Map.of("app", "fe"))).create();
        startSyncer();
        listener.awaitInSync().awaitPresent(policyKey("web", "p"));

        kube.network().v1().networkPolicies().inNamespace("web").withName("p").edit(np -> {
            np.getSpec().getPodSelector().setMatchExpressions(List.of(new LabelSelectorRequirement("app", "Near", List.of())));
            return np;
        });

        listener.awaitAbsent(policyKey("web", "p"));
        assertThat(syncer.problems().get(policyKey("web", "p"))).contains("NetworkPolicy web/p", "spec.podSelector", "Near");

        kube.network().v1().networkPolicies().inNamespace("web").withName("p").delete();
        listener.await("problem cleared", r -> syncer.problems().isEmpty());
    }

    @Test
    void nodesAreNeitherListedNorWatchedWhenNodePollIsDisabled() throws Exception {
        kube.nodes().resource(Fixtures.node("n1", "192.168.0.1")).create();
        syncer = KubernetesSyncer.create(MockApi.connection(server, null),
                SyncerOptions.defaults("cali").withWatchNodes(false));
        syncer.start(listener);
        listener.awaitInSync();
        syncer.close();

        assertThat(listener.view()).isEmpty();
        for (int i = server.getRequestCount(); i > 0; i--) {
            assertThat(server.takeRequest().getPath()).doesNotContain("/nodes?");
        }
    }

    private static Map<String, String> labels(Resource r) {
        return r == null ? Map.of() : r.metadata().labels();
    }
}
