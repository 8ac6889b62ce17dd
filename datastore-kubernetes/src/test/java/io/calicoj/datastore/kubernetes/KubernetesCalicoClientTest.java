package io.calicoj.datastore.kubernetes;

import static io.calicoj.datastore.kubernetes.Fixtures.namespace;
import static io.calicoj.datastore.kubernetes.Fixtures.nodeKey;
import static io.calicoj.datastore.kubernetes.Fixtures.pod;
import static io.calicoj.datastore.kubernetes.Fixtures.policy;
import static io.calicoj.datastore.kubernetes.Fixtures.policyKey;
import static io.calicoj.datastore.kubernetes.Fixtures.profileKey;
import static io.calicoj.datastore.kubernetes.Fixtures.wepKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calicoj.datastore.client.DatastoreException;
import io.calicoj.kube.client.KubernetesCalicoClient;
import io.calicoj.model.NetworkPolicy;
import io.calicoj.model.Node;
import io.calicoj.model.Profile;
import io.calicoj.model.Resource;
import io.calicoj.model.ResourceKey;
import io.calicoj.model.ResourceKind;
import io.calicoj.model.WorkloadEndpoint;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KubernetesCalicoClientTest {

    private static final String UA = "calicoctl/test";

    private KubernetesMockServer server;
    private KubernetesClient kube;
    private KubernetesCalicoClient calico;

    @BeforeEach
    void start() {
        server = MockApi.crud();
        kube = server.createClient();
        calico = KubernetesCalicoClient.create(MockApi.connection(server, null), "cali", UA);
        kube.namespaces().resource(namespace("web", Map.of("team", "a"))).create();
        kube.namespaces().resource(namespace("db", Map.of())).create();
        kube.pods().resource(pod("web", "front-end", "worker-1", "10.0.0.5", Map.of("app", "fe"))).create();
        kube.pods().resource(pod("web", "api", "worker-2", "10.0.0.6", Map.of("app", "api"))).create();
        kube.pods().resource(pod("db", "pg", "worker-1", "10.0.1.5", Map.of("app", "pg"))).create();
        kube.pods().resource(pod("db", "pending", "worker-1", null, Map.of())).create();
        kube.network().v1().networkPolicies().resource(policy("web", "deny", Map.of("app", "fe"))).create();
        kube.nodes().resource(Fixtures.node("worker-1", "192.168.0.1")).create();
    }

    @AfterEach
    void stop() {
        calico.close();
        kube.close();
        server.destroy();
    }

    @Test
    void workloadEndpointsComeFromPodsSortedAndByNamespace() throws Exception {
        assertThat(calico.list(ResourceKind.WORKLOAD_ENDPOINT, "")).extracting(Resource::key).containsExactly(
                wepKey("db", "worker-1", "pg"), wepKey("web", "worker-1", "front-end"), wepKey("web", "worker-2", "api"));
        assertThat(calico.list(ResourceKind.WORKLOAD_ENDPOINT, "web")).extracting(r -> ((WorkloadEndpoint) r).spec().pod())
                .containsExactly("front-end", "api");
    }

    @Test
    void aWorkloadEndpointIsFoundByItsCalicoNameEvenWithDashesInNodeAndPod() throws Exception {
        WorkloadEndpoint wep = (WorkloadEndpoint) calico.get(wepKey("web", "worker-1", "front-end"));
        assertThat(wep.metadata().name()).isEqualTo("worker--1-k8s-front--end-eth0");
        assertThat(wep.spec().ipNetworks()).extracting(Object::toString).containsExactly("10.0.0.5/32");
        assertThat(wep.spec().interfaceName()).startsWith("cali");
    }

    @Test
    void anEndpointNameForAnotherNodeOrAPodWithoutIpDoesNotExist() {
        assertThatThrownBy(() -> calico.get(wepKey("web", "worker-9", "front-end")))
                .isInstanceOf(DatastoreException.ResourceDoesNotExist.class)
                .hasMessage("resource does not exist: WorkloadEndpoint(web/worker--9-k8s-front--end-eth0)");
        assertThatThrownBy(() -> calico.get(wepKey("db", "worker-1", "pending")))
                .isInstanceOf(DatastoreException.ResourceDoesNotExist.class);
        assertThatThrownBy(() -> calico.get(ResourceKey.of(ResourceKind.WORKLOAD_ENDPOINT, "web", "not-an-endpoint-name")))
                .isInstanceOf(DatastoreException.ResourceDoesNotExist.class);
    }

    @Test
    void profilesComeFromNamespaces() throws Exception {
        assertThat(calico.list(ResourceKind.PROFILE, "")).extracting(Resource::key)
                .containsExactly(profileKey("db"), profileKey("web"));
        Profile web = (Profile) calico.get(profileKey("web"));
        assertThat(web.spec().labelsToApply()).containsEntry("pcns.team", "a");
        assertThatThrownBy(() -> calico.get(ResourceKey.of(ResourceKind.PROFILE, "web")))
                .isInstanceOf(DatastoreException.ResourceDoesNotExist.class);
        assertThatThrownBy(() -> calico.get(profileKey("gone"))).isInstanceOf(DatastoreException.ResourceDoesNotExist.class);
    }

    @Test
    void networkPoliciesComeFromKubernetesNetworkPolicies() throws Exception {
        assertThat(calico.list(ResourceKind.NETWORK_POLICY, "web")).extracting(Resource::key)
                .containsExactly(policyKey("web", "deny"));
        assertThat(calico.list(ResourceKind.NETWORK_POLICY, "db")).isEmpty();
        NetworkPolicy p = (NetworkPolicy) calico.get(policyKey("web", "deny"));
        assertThat(p.spec().order()).isEqualTo(1000.0);
        assertThatThrownBy(() -> calico.get(ResourceKey.of(ResourceKind.NETWORK_POLICY, "web", "deny")))
                .isInstanceOf(DatastoreException.ResourceDoesNotExist.class);
    }

    @Test
    void aPolicyThatCannotBeConvertedIsLeftOutOfListsAndItsProblemIsTheErrorOfGet() throws Exception {
        var bad = policy("web", "bad", Map.of());
        bad.getSpec().getPodSelector().setMatchExpressions(List.of(new LabelSelectorRequirement("app", "Near", List.of())));
        kube.network().v1().networkPolicies().resource(bad).create();

        assertThat(calico.list(ResourceKind.NETWORK_POLICY, "")).extracting(Resource::key)
                .containsExactly(policyKey("web", "deny"));
        assertThatThrownBy(() -> calico.get(policyKey("web", "bad")))
                .isInstanceOf(DatastoreException.DatastoreError.class)
                .hasMessageContaining("NetworkPolicy web/bad").hasMessageContaining("Near");
    }

    @Test
    void nodesComeFromKubernetesNodesWithoutBgp() throws Exception {
        assertThat(calico.list(ResourceKind.NODE, "")).extracting(Resource::key).containsExactly(nodeKey("worker-1"));
        Node node = (Node) calico.get(nodeKey("worker-1"));
        assertThat(node.spec().bgp()).isNull();
        assertThat(node.spec().addresses()).containsExactly(new Node.Address("192.168.0.1", "InternalIP"));
        assertThat(node.metadata().labels()).containsEntry("kubernetes.io/hostname", "worker-1");
    }

    @Test
    void kindsThatNeedCalicoCrdsAreEmptyAndNeverFound() throws Exception {
        for (ResourceKind kind : List.of(ResourceKind.GLOBAL_NETWORK_POLICY, ResourceKind.HOST_ENDPOINT,
                ResourceKind.IP_POOL, ResourceKind.FELIX_CONFIGURATION)) {
            assertThat(calico.list(kind, "")).isEmpty();
            assertThatThrownBy(() -> calico.get(ResourceKey.of(kind, "default")))
                    .isInstanceOf(DatastoreException.ResourceDoesNotExist.class);
        }
    }

    @Test
    void everyWriteIsRefusedWithTheOperationAndAReasonAndChangesNothing() throws Exception {
        Resource knp = calico.get(policyKey("web", "deny"));
        Resource wep = calico.get(wepKey("web", "worker-1", "front-end"));
        drainRequests();

        assertRefused(() -> calico.create(knp), "Create", knp.key(), KubernetesCalicoClient.KNP_REASON);
        assertRefused(() -> calico.apply(knp), "Apply", knp.key(), KubernetesCalicoClient.KNP_REASON);
        assertRefused(() -> calico.replace(knp), "Update", knp.key(), KubernetesCalicoClient.KNP_REASON);
        assertRefused(() -> calico.delete(knp.key()), "Delete", knp.key(), KubernetesCalicoClient.KNP_REASON);
        assertThatThrownBy(() -> calico.apply(knp)).hasMessage("operation Apply is not supported on "
                + "NetworkPolicy(web/knp.default.deny): kubernetes network policies must be managed through the kubernetes API");

        assertRefused(() -> calico.apply(wep), "Apply", wep.key(),
                "workload endpoints are derived from pods and are read-only in the Kubernetes datastore");
        assertRefused(() -> calico.delete(profileKey("web")), "Delete", profileKey("web"),
                "profiles are derived from namespaces and are read-only in the Kubernetes datastore");
        assertRefused(() -> calico.delete(nodeKey("worker-1")), "Delete", nodeKey("worker-1"),
                "nodes are derived from Kubernetes nodes and are read-only in the Kubernetes datastore");
        ResourceKey pool = ResourceKey.of(ResourceKind.IP_POOL, "default-ipv4-ippool");
        assertRefused(() -> calico.delete(pool), "Delete", pool,
                "IPPool resources need Calico's CRDs, which the Kubernetes datastore of Calico/J does not have");

        assertThat(drainRequests()).as("no request reached the API server").isEmpty();
        assertThat(kube.network().v1().networkPolicies().inNamespace("web").withName("deny").get()).isNotNull();
    }

    private void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String operation,
                               ResourceKey key, String reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DatastoreException.OperationNotSupported.class, e -> {
            assertThat(e.operation()).isEqualTo(operation);
            assertThat(e.key()).isEqualTo(key);
            assertThat(e.getMessage()).endsWith(": " + reason);
        });
    }

    private List<String> drainRequests() throws InterruptedException {
        List<String> out = new ArrayList<>();
        for (var r = server.takeRequest(100, TimeUnit.MILLISECONDS); r != null; r = server.takeRequest(100, TimeUnit.MILLISECONDS)) {
            out.add(r.getMethod() + " " + r.getPath());
        }
        return out;
    }

    @Test
    void podNamesAreReadBackFromEndpointNames() {
        assertThat(KubernetesCalicoClient.podName("node--1-k8s-my--pod-eth0")).contains("my-pod");
        assertThat(KubernetesCalicoClient.podName("n-k8s-p-eth0")).contains("p");
        assertThat(KubernetesCalicoClient.podName("n-cni-p-eth0")).isEmpty();
        assertThat(KubernetesCalicoClient.podName("just-three-parts")).isEmpty();
    }
}
