package io.calicoj.calc;

import static io.calicoj.calc.testing.Resources.hostEndpoint;
import static io.calicoj.calc.testing.Resources.labels;
import static io.calicoj.calc.testing.Resources.onNode;
import static io.calicoj.calc.testing.Resources.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.model.HostEndpoint;
import io.calicoj.model.IpAddress;
import io.calicoj.model.WorkloadEndpoint;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointDecoderAndFilterTest {

    private final RecordingEndpointListener all = new RecordingEndpointListener();
    private final RecordingEndpointListener local = new RecordingEndpointListener();
    private final EndpointDecoder decoder = new EndpointDecoder(List.of(all,
            new LocalEndpointFilter("node-a", List.of(local))));

    @Test
    void aPodCannotClaimNamespaceOrServiceAccountLabels() {
        WorkloadEndpoint wep = pod("x", "a", "node-a", "10.0.0.1",
                labels("app", "web", "pcns.team", "red", "pcsa.role", "admin"));
        decoder.onWorkloadEndpoint(wep);

        EndpointData e = all.endpoints.get(wep.key());
        assertThat(e.labels()).containsEntry("app", "web").doesNotContainKeys("pcns.team", "pcsa.role");
        assertThat(e.profileIds()).containsExactly("kns.x");
        assertThat(e.addresses()).containsExactly(IpAddress.parse("10.0.0.1"));
        assertThat(e.node()).isEqualTo("node-a");
    }

    @Test
    void aHostEndpointKeepsItsLabelsAndUsesItsExpectedAddresses() {
        HostEndpoint hep = hostEndpoint("gw", "node-a", "eth1", List.of("192.168.0.1", "fd00::1"),
                labels("pcns.x", "y"), "p1");
        decoder.onHostEndpoint(hep);

        EndpointData e = all.endpoints.get(hep.key());
        assertThat(e.labels()).containsEntry("pcns.x", "y");
        assertThat(e.addresses()).containsExactly(IpAddress.parse("192.168.0.1"), IpAddress.parse("fd00::1"));
        assertThat(e.isHostEndpoint()).isTrue();
    }

    @Test
    void onlyThisNodesEndpointsPassTheLocalFilter() {
        WorkloadEndpoint here = pod("x", "a", "node-a", "10.0.0.1", labels());
        WorkloadEndpoint there = pod("x", "b", "node-b", "10.0.0.2", labels());
        decoder.onWorkloadEndpoint(here);
        decoder.onWorkloadEndpoint(there);

        assertThat(all.endpoints).containsOnlyKeys(here.key(), there.key());
        assertThat(local.endpoints).containsOnlyKeys(here.key());
    }

    @Test
    void anEndpointMovingAwayIsRemovedDownstreamAndMovingBackAddedAgain() {
        WorkloadEndpoint wep = pod("x", "a", "node-a", "10.0.0.1", labels());
        decoder.onWorkloadEndpoint(wep);
        decoder.onWorkloadEndpoint(onNode(wep, "node-b"));
        assertThat(local.endpoints).isEmpty();
        assertThat(all.endpoints).containsKey(wep.key());

        decoder.onWorkloadEndpoint(wep);
        assertThat(local.endpoints).containsKey(wep.key());
    }

    @Test
    void deletionsOfRemoteOrUnknownEndpointsDoNotReachLocalStages() {
        WorkloadEndpoint there = pod("x", "b", "node-b", "10.0.0.2", labels());
        decoder.onWorkloadEndpoint(there);
        decoder.onDeletion(there.key());
        decoder.onDeletion(pod("x", "c", "node-a", "10.0.0.3", labels()).key());

        assertThat(local.events).isZero();
        assertThat(all.endpoints).isEmpty();
    }
}
