package io.calicoj.dataplane.rules;

import static io.calicoj.dataplane.testing.ChainText.lines;
import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.dataplane.api.TierInfo;
import io.calicoj.dataplane.iptables.Chain;
import io.calicoj.model.felix.PolicyId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden chains written by hand from Felix's rules/endpoints.go. */
class EndpointRendererTest {

    private static final PolicyId P1 = PolicyId.namespaced("default", "ns1", "p1");
    private static final PolicyId P2 = PolicyId.namespaced("default", "ns1", "p2");
    private final EndpointRenderer renderer = new EndpointRenderer(RulesConfig.defaults());

    @Test
    void aWorkloadWithTwoPoliciesAndOneProfile() {
        List<Chain> chains = renderer.workloadChains("cali12345678901",
                List.of(new TierInfo("default", List.of(P1, P2), List.of(P1))), List.of("kns.ns1"));
        String tw = "-A cali-tw-cali12345678901";
        assertThat(lines(chains.get(0))).containsExactly(
                tw + " -m conntrack --ctstate RELATED,ESTABLISHED --jump ACCEPT",
                tw + " -m conntrack --ctstate INVALID --jump DROP",
                tw + " --jump MARK --set-mark 0/0x30000",
                tw + " -m comment --comment \"Start of tier default\" --jump MARK --set-mark 0/0x20000",
                tw + " -m mark --mark 0/0x20000 --jump cali-pi-default/ns1/p1",
                tw + " -m comment --comment \"Return if policy accepted\" -m mark --mark 0x10000/0x10000 --jump RETURN",
                tw + " -m mark --mark 0/0x20000 --jump cali-pi-default/ns1/p2",
                tw + " -m comment --comment \"Return if policy accepted\" -m mark --mark 0x10000/0x10000 --jump RETURN",
                tw + " -m comment --comment \"Drop if no policies passed packet\" -m mark --mark 0/0x20000 --jump DROP",
                tw + " --jump cali-pri-kns.ns1",
                tw + " -m comment --comment \"Return if profile accepted\" -m mark --mark 0x10000/0x10000 --jump RETURN",
                tw + " -m comment --comment \"Drop if no profiles matched\" --jump DROP");
        String fw = "-A cali-fw-cali12345678901";
        assertThat(lines(chains.get(1))).containsExactly(
                fw + " -m conntrack --ctstate RELATED,ESTABLISHED --jump ACCEPT",
                fw + " -m conntrack --ctstate INVALID --jump DROP",
                fw + " --jump MARK --set-mark 0/0x30000",
                fw + " -m comment --comment \"Drop VXLAN encapped packets originating in workloads\""
                        + " -p 17 -m multiport --destination-ports 4789 --jump DROP",
                fw + " -m comment --comment \"Drop IPinIP encapped packets originating in workloads\" -p 4 --jump DROP",
                fw + " -m comment --comment \"Start of tier default\" --jump MARK --set-mark 0/0x20000",
                fw + " -m mark --mark 0/0x20000 --jump cali-po-default/ns1/p1",
                fw + " -m comment --comment \"Return if policy accepted\" -m mark --mark 0x10000/0x10000 --jump RETURN",
                fw + " -m comment --comment \"Drop if no policies passed packet\" -m mark --mark 0/0x20000 --jump DROP",
                fw + " --jump cali-pro-kns.ns1",
                fw + " -m comment --comment \"Return if profile accepted\" -m mark --mark 0x10000/0x10000 --jump RETURN",
                fw + " -m comment --comment \"Drop if no profiles matched\" --jump DROP");
    }

    @Test
    void withoutPoliciesForADirectionThereIsNoTierBlockSoProfilesDecide() {
        List<Chain> chains = renderer.workloadChains("calia", List.of(new TierInfo("default", List.of(P1), List.of())),
                List.of("kns.ns1"));
        assertThat(lines(chains.get(1))).noneMatch(l -> l.contains("Start of tier")).anyMatch(l -> l.contains("cali-pro-kns.ns1"));
        assertThat(lines(chains.get(0))).anyMatch(l -> l.contains("Start of tier default"));
    }

    @Test
    void eachTierGetsItsOwnBlockInOrder() {
        PolicyId sec = PolicyId.global("security", "block-bad");
        List<String> tw = lines(renderer.workloadChains("calia",
                List.of(new TierInfo("security", List.of(sec), List.of()), new TierInfo("default", List.of(P1), List.of())),
                List.of()).get(0));
        assertThat(tw).containsSubsequence(
                "-A cali-tw-calia -m comment --comment \"Start of tier security\" --jump MARK --set-mark 0/0x20000",
                "-A cali-tw-calia -m mark --mark 0/0x20000 --jump cali-pi-security/block-bad",
                "-A cali-tw-calia -m comment --comment \"Drop if no policies passed packet\" -m mark --mark 0/0x20000 --jump DROP",
                "-A cali-tw-calia -m comment --comment \"Start of tier default\" --jump MARK --set-mark 0/0x20000",
                "-A cali-tw-calia -m comment --comment \"Drop if no profiles matched\" --jump DROP");
    }

    @Test
    void anEndpointWithNothingDropsEverythingButEstablishedTraffic() {
        assertThat(lines(renderer.workloadChains("calia", List.of(), List.of()).get(0))).containsExactly(
                "-A cali-tw-calia -m conntrack --ctstate RELATED,ESTABLISHED --jump ACCEPT",
                "-A cali-tw-calia -m conntrack --ctstate INVALID --jump DROP",
                "-A cali-tw-calia --jump MARK --set-mark 0/0x30000",
                "-A cali-tw-calia -m comment --comment \"Drop if no profiles matched\" --jump DROP");
    }

    @Test
    void hostEndpointChainsJumpToTheFailsafeChainsAndSwapDirections() {
        List<Chain> chains = renderer.hostChains("eth0", List.of(new TierInfo("default", List.of(P1), List.of(P2))), List.of());
        assertThat(chains).extracting(Chain::name).containsExactly("cali-th-eth0", "cali-fh-eth0");
        assertThat(lines(chains.get(0))).contains("-A cali-th-eth0 --jump cali-failsafe-out",
                "-A cali-th-eth0 -m mark --mark 0/0x20000 --jump cali-po-default/ns1/p2");
        assertThat(lines(chains.get(1))).contains("-A cali-fh-eth0 --jump cali-failsafe-in",
                "-A cali-fh-eth0 -m mark --mark 0/0x20000 --jump cali-pi-default/ns1/p1");
        assertThat(lines(chains.get(0))).noneMatch(l -> l.contains("VXLAN"));
    }
}
