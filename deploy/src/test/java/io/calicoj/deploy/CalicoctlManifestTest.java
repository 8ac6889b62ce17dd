package io.calicoj.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** deploy/calicoctl.yaml: calicoctl as a pod in kube-system with a read-only role of its own. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CalicoctlManifestTest {

    private static final String VERSION = System.getProperty("calicoj.version", "0.1.0-SNAPSHOT");

    private List<HasMetadata> objects;

    @BeforeAll
    void load() throws Exception {
        objects = Manifests.load(Manifests.calicoctlYaml());
    }

    @Test
    void itIsAServiceAccountARoleAndBindingAndThePodAllNamedCalicoctl() {
        assertThat(objects).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).containsExactly(
                "ServiceAccount/calicoctl", "ClusterRole/calicoctl", "ClusterRoleBinding/calicoctl", "Pod/calicoctl");
        for (HasMetadata o : objects) {
            assertThat(Manifests.unknownFields(o)).as(o.getKind()).isEmpty();
        }
    }

    @Test
    void thePodWaitsInKubeSystemForKubectlExecOnTheKubernetesDatastore() {
        Pod pod = Manifests.one(objects, Pod.class, "calicoctl");
        assertThat(pod.getMetadata().getNamespace()).isEqualTo("kube-system");
        assertThat(pod.getSpec().getHostNetwork()).isTrue();
        assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("calicoctl");
        Container c = pod.getSpec().getContainers().get(0);
        assertThat(pod.getSpec().getContainers()).hasSize(1);
        assertThat(c.getName()).isEqualTo("calicoctl");
        assertThat(c.getImage()).isEqualTo("calicoj/calicoctl:" + VERSION);
        assertThat(String.join(" ", c.getCommand())).contains("sleep");
        assertThat(c.getEnv()).singleElement().satisfies(e -> {
            assertThat(e.getName()).isEqualTo("DATASTORE_TYPE");
            assertThat(e.getValue()).isEqualTo("kubernetes");
        });
        assertThat(c.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getSecurityContext().getPrivileged()).isNotEqualTo(Boolean.TRUE);
    }

    @Test
    void theRoleOnlyGetsAndListsWhatCalicoctlReads() {
        ClusterRole role = Manifests.one(objects, ClusterRole.class, "calicoctl");
        RoleRules rules = new RoleRules(role);
        assertThat(rules.allStrings()).noneMatch(s -> s.contains("*"));
        assertThat(rules.grants()).containsExactlyInAnyOrder(
                ApiCall.resource("", "pods", "get"), ApiCall.resource("", "pods", "list"),
                ApiCall.resource("", "namespaces", "get"), ApiCall.resource("", "namespaces", "list"),
                ApiCall.resource("", "nodes", "get"), ApiCall.resource("", "nodes", "list"),
                ApiCall.resource("networking.k8s.io", "networkpolicies", "get"),
                ApiCall.resource("networking.k8s.io", "networkpolicies", "list"));
        ClusterRoleBinding b = Manifests.one(objects, ClusterRoleBinding.class, "calicoctl");
        assertThat(b.getRoleRef().getName()).isEqualTo("calicoctl");
        assertThat(b.getSubjects()).singleElement().satisfies(s -> {
            assertThat(s.getKind()).isEqualTo("ServiceAccount");
            assertThat(s.getName()).isEqualTo("calicoctl");
            assertThat(s.getNamespace()).isEqualTo("kube-system");
        });
    }
}
