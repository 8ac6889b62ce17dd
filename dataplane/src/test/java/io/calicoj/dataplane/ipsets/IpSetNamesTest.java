package io.calicoj.dataplane.ipsets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IpSetNamesTest {

    @Test
    void mainSetNamesAreTheModernPrefixPlusTheIdTruncatedTo31() {
        assertThat(IpSetNames.mainName(4, "s:P2rI0VUzuGU_If5Eff29VZ_QCTMDr7MK8kaKug")).isEqualTo("cali40s:P2rI0VUzuGU_If5Eff29VZ_");
        assertThat(IpSetNames.mainName(6, "s:P2rI0VUzuGU_If5Eff29VZ_QCTMDr7MK8kaKug")).isEqualTo("cali60s:P2rI0VUzuGU_If5Eff29VZ_");
        assertThat(IpSetNames.mainName(4, "all-ipam-pools")).isEqualTo("cali40all-ipam-pools");
    }

    @Test
    void temporarySetsAreNumbered() {
        assertThat(IpSetNames.tempName(4, 0)).isEqualTo("cali4t0");
        assertThat(IpSetNames.isTemp(4, "cali4t12")).isTrue();
        assertThat(IpSetNames.isTemp(4, "cali40s:x")).isFalse();
    }

    @Test
    void ownershipIsByPrefixIncludingHistoricOnes() {
        assertThat(IpSetNames.isOurs(4, "cali40s:abc")).isTrue();
        assertThat(IpSetNames.isOurs(4, "cali4-s:abc")).isTrue();
        assertThat(IpSetNames.isOurs(4, "felix-4-masq")).isTrue();
        assertThat(IpSetNames.isOurs(4, "KUBE-CLUSTER-IP")).isFalse();
        assertThat(IpSetNames.isOurs(4, "cali60s:abc")).isFalse();
    }
}
