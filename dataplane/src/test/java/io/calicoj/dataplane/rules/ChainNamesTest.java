package io.calicoj.dataplane.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.model.felix.PolicyId;
import org.junit.jupiter.api.Test;

class ChainNamesTest {

    @Test
    void lengthLimitedIdsFollowFelixHashutilsTests() {
        assertThat(ChainNames.lengthLimited("felix", "1234", 10)).isEqualTo("felix1234");
        assertThat(ChainNames.lengthLimited("felix", "123456", 11)).isEqualTo("felix123456");
        assertThat(ChainNames.lengthLimited("felix", "_2345", 10)).isEqualTo("felix_kMQI");
        assertThat(ChainNames.lengthLimited("felix", "12345678910", 13)).isEqualTo("felix_Y2QCZIS");
    }

    @Test
    void chainNamesMatchTheSpecTestVectors() {
        assertThat(ChainNames.profile(ChainNames.PROFILE_INBOUND, "k8s_ns.default")).isEqualTo("cali-pri-k8s_ns.default");
        assertThat(ChainNames.profile(ChainNames.PROFILE_INBOUND, "ns.projectcalico.org/default"))
                .isEqualTo("cali-pri-_tdqK-A9H4lFTLWexgi");
        assertThat(ChainNames.lengthLimited(ChainNames.POLICY_INBOUND, "ns.projectcalico.org/default", 28))
                .isEqualTo("cali-pi-_tdqK-A9H4lFTLWexgiI");
        assertThat(ChainNames.lengthLimited(ChainNames.POLICY_INBOUND, "np.projectcalico.org/default.allow-frontend", 28))
                .isEqualTo("cali-pi-_-_TXM2B1B4HIDuQBNj_");
        assertThat(ChainNames.endpoint(ChainNames.TO_WORKLOAD, "calic440f455693")).isEqualTo("cali-tw-calic440f455693");
    }

    @Test
    void policyChainNamesIncludeTheTier() {
        PolicyId a = PolicyId.namespaced("default", "ns1", "knp.default.x");
        PolicyId b = PolicyId.namespaced("security", "ns1", "knp.default.x");
        assertThat(ChainNames.policy(ChainNames.POLICY_INBOUND, a))
                .isEqualTo(ChainNames.lengthLimited("cali-pi-", "default/ns1/knp.default.x", 28))
                .isNotEqualTo(ChainNames.policy(ChainNames.POLICY_INBOUND, b))
                .hasSizeLessThanOrEqualTo(28);
        assertThat(ChainNames.policy(ChainNames.POLICY_OUTBOUND, PolicyId.global("default", "gnp1"))).isEqualTo("cali-po-default/gnp1");
    }
}
