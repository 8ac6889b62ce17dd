package io.calicoj.dataplane.iptables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calicoj.dataplane.testing.SimulatedKernel;
import org.junit.jupiter.api.Test;

class BackendDetectorTest {

    private final SimulatedKernel kernel = new SimulatedKernel();

    private static void addRules(io.calicoj.dataplane.testing.SimulatedIptables ruleset, int n) {
        ruleset.createChain("filter", "DOCKER");
        for (int i = 0; i < n; i++) {
            ruleset.appendRule("filter", "DOCKER", "-s 10.0.0." + i + "/32 -j ACCEPT");
        }
    }

    @Test
    void emptyRulesetsChooseNftTheDistributionDefault() {
        assertThat(BackendDetector.choose(kernel, "auto")).isEqualTo(IptablesBackend.NFT);
    }

    @Test
    void tenOrMoreLegacyRulesChooseLegacy() {
        addRules(kernel.legacy(), 10);
        addRules(kernel.nft(), 50);
        assertThat(BackendDetector.detect(kernel)).isEqualTo(IptablesBackend.LEGACY);
    }

    @Test
    void otherwiseTheBackendWithMoreRulesWinsAndTheLegacyWarningLineIsNotARule() {
        addRules(kernel.legacy(), 3);
        addRules(kernel.nft(), 2);
        assertThat(BackendDetector.detect(kernel)).isEqualTo(IptablesBackend.LEGACY);
        addRules(kernel.nft(), 2);
        assertThat(BackendDetector.detect(kernel)).isEqualTo(IptablesBackend.NFT);
    }

    @Test
    void kubeProxysHintChainInNftWins() {
        addRules(kernel.legacy(), 5);
        kernel.nft().createChain("mangle", "KUBE-IPTABLES-HINT");
        assertThat(BackendDetector.detect(kernel)).isEqualTo(IptablesBackend.NFT);
    }

    @Test
    void anExplicitBackendIsUsedWithoutLookingAndABadOneIsRejected() {
        addRules(kernel.legacy(), 20);
        assertThat(BackendDetector.choose(kernel, "NFT")).isEqualTo(IptablesBackend.NFT);
        assertThat(kernel.commands()).isEmpty();
        assertThat(BackendDetector.choose(kernel, "legacy")).isEqualTo(IptablesBackend.LEGACY);
        assertThatThrownBy(() -> BackendDetector.choose(kernel, "nftables"))
                .hasMessage("IptablesBackend = 'nftables' (FELIX_IPTABLESBACKEND): must be one of auto, nft, legacy");
    }

    @Test
    void aMissingSaveCommandCountsAsAnEmptyRuleset() {
        assertThat(BackendDetector.detect(c -> new io.calicoj.exec.CommandResult(c, 127, "", "not found")))
                .isEqualTo(IptablesBackend.NFT);
    }
}
