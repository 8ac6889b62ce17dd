package io.calicoj.model.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The naming test vectors of calico-kdd.md §10 and Calico's WorkloadEndpoint name escaping. */
class NamingTest {

    @Test
    void hostInterfaceNameIsCaliPlusElevenHexDigitsOfSha1OfNamespaceDotPod() {
        assertThat(VethNames.hostInterfaceName("default", "nginx")).isEqualTo("calic440f455693");
        assertThat(VethNames.hostInterfaceName("kube-system", "kube-dns-v20-jhk10")).isEqualTo("cali750cc10f5ac");
    }

    @Test
    void theFirstConfiguredInterfacePrefixIsUsed() {
        assertThat(VethNames.hostInterfaceName("eni,veth", "default", "nginx")).isEqualTo("enic440f455693");
    }

    @Test
    void workloadEndpointNamesDoubleEveryDashInsideAPart() {
        assertThat(WorkloadEndpointNames.forPod("node-1", "my-pod")).isEqualTo("node--1-k8s-my--pod-eth0");
        assertThat(WorkloadEndpointNames.forPod("n1", "nginx")).isEqualTo("n1-k8s-nginx-eth0");
    }
}
