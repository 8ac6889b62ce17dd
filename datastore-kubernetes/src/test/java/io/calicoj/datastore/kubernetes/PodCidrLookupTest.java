package io.calicoj.datastore.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calicoj.datastore.client.DatastoreException;
import io.calicoj.model.InvalidResourceException;
import io.calicoj.model.k8s.KubeNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PodCidrLookupTest {

    private KubernetesMockServer server;
    private KubernetesClient kube;

    @BeforeEach
    void start() {
        server = MockApi.crud();
        kube = server.createClient();
    }

    @AfterEach
    void stop() {
        kube.close();
        server.destroy();
    }

    @Test
    void theNodesPodCidrsAreReadFromTheApiServer() throws Exception {
        kube.nodes().resource(Fixtures.node("worker-1", "192.168.0.1")).create();
        try (KubernetesClient client = KubernetesClients.create(MockApi.connection(server, null))) {
            assertThat(new PodCidrLookup(client).podCidrs("worker-1")).extracting(Object::toString)
                    .containsExactly("10.244.1.0/24", "fd00:1::/64");
            assertThatThrownBy(() -> new PodCidrLookup(client).podCidrs("worker-9"))
                    .isInstanceOf(DatastoreException.ResourceDoesNotExist.class).hasMessageContaining("Node(worker-9)");
        }
    }

    private static KubeNode node(String podCidr, List<String> podCidrs) {
        return new KubeNode("n1", "u", "1", Map.of(), podCidr, podCidrs, List.of());
    }

    @Test
    void podCidrsWinOverTheSingularFieldAndNoneIsEmpty() {
        assertThat(PodCidrLookup.podCidrs(node("10.0.0.0/24", List.of("10.1.0.0/24")))).extracting(Object::toString)
                .containsExactly("10.1.0.0/24");
        assertThat(PodCidrLookup.podCidrs(node("10.0.0.0/24", List.of()))).extracting(Object::toString)
                .containsExactly("10.0.0.0/24");
        assertThat(PodCidrLookup.podCidrs(node("", List.of()))).isEmpty();
    }

    @Test
    void aBadCidrIsNamedWithItsField() {
        assertThatThrownBy(() -> PodCidrLookup.podCidrs(node("", List.of("10.1.0.0/24", "10.2.0.0/99"))))
                .isInstanceOf(InvalidResourceException.class)
                .hasMessage("Node n1: spec.podCIDRs[1]: invalid value \"10.2.0.0/99\": not a CIDR");
        assertThatThrownBy(() -> PodCidrLookup.podCidrs(node("banana", List.of())))
                .hasMessage("Node n1: spec.podCIDR: invalid value \"banana\": not a CIDR");
    }
}
