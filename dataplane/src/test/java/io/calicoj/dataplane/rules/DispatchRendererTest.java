package io.calicoj.dataplane.rules;

import static io.calicoj.dataplane.testing.ChainText.lines;
import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.dataplane.iptables.Chain;
import java.util.List;
import org.junit.jupiter.api.Test;

class DispatchRendererTest {

    private final DispatchRenderer renderer = new DispatchRenderer();

    @Test
    void withNoEndpointsEveryWorkloadInterfaceIsDropped() {
        List<Chain> chains = renderer.workloadDispatchChains(List.of());
        assertThat(chains).extracting(Chain::name).containsExactly("cali-from-wl-dispatch", "cali-to-wl-dispatch");
        assertThat(lines(chains.get(0))).containsExactly(
                "-A cali-from-wl-dispatch -m comment --comment \"Unknown interface\" --jump DROP");
    }

    @Test
    void interfacesSharingTheNextCharacterAreGroupedIntoChildChains() {
        List<Chain> chains = renderer.workloadDispatchChains(List.of("calib1", "calia2", "calia1", "calic9"));
        assertThat(chains).extracting(Chain::name).containsExactly(
                "cali-from-wl-dispatch-a", "cali-from-wl-dispatch", "cali-to-wl-dispatch-a", "cali-to-wl-dispatch");
        assertThat(lines(chains.get(0))).containsExactly(
                "-A cali-from-wl-dispatch-a --in-interface calia1 --goto cali-fw-calia1",
                "-A cali-from-wl-dispatch-a --in-interface calia2 --goto cali-fw-calia2",
                "-A cali-from-wl-dispatch-a -m comment --comment \"Unknown interface\" --jump DROP");
        assertThat(lines(chains.get(1))).containsExactly(
                "-A cali-from-wl-dispatch --in-interface calia+ --goto cali-from-wl-dispatch-a",
                "-A cali-from-wl-dispatch --in-interface calib1 --goto cali-fw-calib1",
                "-A cali-from-wl-dispatch --in-interface calic9 --goto cali-fw-calic9",
                "-A cali-from-wl-dispatch -m comment --comment \"Unknown interface\" --jump DROP");
        assertThat(lines(chains.get(3))).startsWith(
                "-A cali-to-wl-dispatch --out-interface calia+ --goto cali-to-wl-dispatch-a",
                "-A cali-to-wl-dispatch --out-interface calib1 --goto cali-tw-calib1");
    }

    @Test
    void aSingleEndpointGetsADirectGoto() {
        assertThat(lines(renderer.workloadDispatchChains(List.of("calic440f455693")).get(0))).containsExactly(
                "-A cali-from-wl-dispatch --in-interface calic440f455693 --goto cali-fw-calic440f455693",
                "-A cali-from-wl-dispatch -m comment --comment \"Unknown interface\" --jump DROP");
    }

    @Test
    void hostEndpointDispatchFallsThroughForUnknownInterfaces() {
        List<Chain> chains = renderer.hostDispatchChains(List.of("eth0"));
        assertThat(lines(chains.get(0))).containsExactly("-A cali-from-host-endpoint --in-interface eth0 --goto cali-fh-eth0");
        assertThat(lines(chains.get(1))).containsExactly("-A cali-to-host-endpoint --out-interface eth0 --goto cali-th-eth0");
        assertThat(renderer.hostDispatchChains(List.of())).allMatch(c -> c.rules().isEmpty());
    }
}
