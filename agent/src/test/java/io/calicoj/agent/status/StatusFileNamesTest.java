package io.calicoj.agent.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.model.ResourceKey;
import io.calicoj.model.ResourceKind;
import io.calicoj.model.k8s.WorkloadEndpointNames;
import org.junit.jupiter.api.Test;

/** Calico's status file names, from libcalico-go's names/workloadendpointstatus.go and Go's url.PathEscape. */
class StatusFileNamesTest {

    private static ResourceKey pod(String namespace, String node, String pod) {
        return ResourceKey.of(ResourceKind.WORKLOAD_ENDPOINT, namespace, WorkloadEndpointNames.forPod(node, pod));
    }

    @Test
    void orchestratorWorkloadAndEndpointEscapedAndJoinedBySpaces() {
        assertThat(StatusFileNames.of(pod("ns1", "node1", "db"))).contains("k8s ns1%2Fdb eth0");
    }

    @Test
    void dashesInTheNodeAndPodNamesAreTheirs() {
        assertThat(StatusFileNames.of(pod("kube-system", "node-1.example", "coredns-7d9-x2"))).contains(
                "k8s kube-system%2Fcoredns-7d9-x2 eth0");
    }

    @Test
    void pathEscapeKeepsWhatGoKeepsInAPathSegment() {
        assertThat(StatusFileNames.pathEscape("aZ09-_.~$&+:=@")).isEqualTo("aZ09-_.~$&+:=@");
        assertThat(StatusFileNames.pathEscape("a b/c;d,e?f%g")).isEqualTo("a%20b%2Fc%3Bd%2Ce%3Ff%25g");
        assertThat(StatusFileNames.pathEscape("é")).isEqualTo("%C3%A9");
    }

    @Test
    void aNameThatIsNotAPodEndpointsHasNoFile() {
        assertThat(StatusFileNames.of(ResourceKey.of(ResourceKind.WORKLOAD_ENDPOINT, "ns1", "just-three-parts"))).isEmpty();
        assertThat(StatusFileNames.of(ResourceKey.of(ResourceKind.WORKLOAD_ENDPOINT, "ns1", "a-b-c-d-e"))).isEmpty();
        assertThat(StatusFileNames.of(ResourceKey.of(ResourceKind.WORKLOAD_ENDPOINT, "ns1", "node1-openstack-vm-eth0"))).isEmpty();
    }
}
