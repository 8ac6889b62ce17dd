package io.calicoj.model.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calicoj.model.InvalidResourceException;
import io.calicoj.model.Node;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeConverterTest {

    private static KubeNode node(KubeNode.Address... addresses) {
        return new KubeNode("worker-1", "uid-1", "42", Map.of("kubernetes.io/os", "linux"), "", List.of(), List.of(addresses));
    }

    @Test
    void aNodeKeepsItsNameLabelsAndIpAddressesAndHasNoBgp() {
        Node n = NodeConverter.toCalico(node(new KubeNode.Address("10.0.0.5", "InternalIP"),
                new KubeNode.Address("worker-1", "Hostname"), new KubeNode.Address("203.0.113.7", "ExternalIP"),
                new KubeNode.Address("fd00::5", "InternalIP")));

        assertThat(n.metadata().name()).isEqualTo("worker-1");
        assertThat(n.metadata().labels()).containsExactlyEntriesOf(Map.of("kubernetes.io/os", "linux"));
        assertThat(n.metadata().resourceVersion()).isEqualTo("42");
        assertThat(n.spec().bgp()).isNull();
        assertThat(n.spec().addresses()).containsExactly(new Node.Address("10.0.0.5", "InternalIP"),
                new Node.Address("203.0.113.7", "ExternalIP"), new Node.Address("fd00::5", "InternalIP"));
    }

    @Test
    void anAddressThatIsNotAnIpIsNamedWithNodeAndField() {
        assertThatThrownBy(() -> NodeConverter.toCalico(node(new KubeNode.Address("10.0.0.5", "InternalIP"),
                new KubeNode.Address("10.0.0.500", "ExternalIP"))))
                .isInstanceOf(InvalidResourceException.class)
                .hasMessage("Node worker-1: status.addresses[1].address: invalid value \"10.0.0.500\": not an IP address");
    }
}
