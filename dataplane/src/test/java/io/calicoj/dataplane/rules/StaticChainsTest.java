package io.calicoj.dataplane.rules;

import static io.calicoj.dataplane.testing.ChainText.line;
import static io.calicoj.dataplane.testing.ChainText.lines;
import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.dataplane.iptables.Chain;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Golden static chains written by hand from modern Felix's rules/static.go (policy-only node, default marks). */
class StaticChainsTest {

    private static Map<String, Chain> chains(RulesConfig cfg) {
        return new StaticChains(cfg).filterChains(4).stream().collect(Collectors.toMap(Chain::name, Function.identity()));
    }

    @Test
    void forwardSendsWorkloadTrafficToTheDispatchChains() {
        assertThat(lines(chains(RulesConfig.defaults()).get("cali-FORWARD"))).containsExactly(
                "-A cali-FORWARD --jump MARK --set-mark 0/0xe0000",
                "-A cali-FORWARD -m mark --mark 0/0x10000 --jump cali-from-hep-forward",
                "-A cali-FORWARD --in-interface cali+ --jump cali-from-wl-dispatch",
                "-A cali-FORWARD --out-interface cali+ --jump cali-to-wl-dispatch",
                "-A cali-FORWARD --jump cali-to-hep-forward");
    }

    @Test
    void inputSendsWorkloadTrafficToWorkloadToHost() {
        assertThat(lines(chains(RulesConfig.defaults()).get("cali-INPUT"))).containsExactly(
                "-A cali-INPUT --in-interface cali+ --goto cali-wl-to-host",
                "-A cali-INPUT -m mark --mark 0x10000/0x10000 --jump ACCEPT",
                "-A cali-INPUT --jump MARK --set-mark 0/0xf0000",
                "-A cali-INPUT --jump cali-from-host-endpoint",
                "-A cali-INPUT -m comment --comment \"Host endpoint policy accepted packet.\" -m mark --mark 0x10000/0x10000 --jump ACCEPT");
    }

    @Test
    void workloadToHostDropsTrafficToTheLoopbackThenAppliesEgressPolicyThenTheConfiguredAction() {
        assertThat(lines(chains(RulesConfig.defaults()).get("cali-wl-to-host"))).containsExactly(
                "-A cali-wl-to-host -m comment --comment \"Drop workload traffic to the host loopback addresses\""
                        + " --destination 127.0.0.0/8 -m conntrack ! --ctstate DNAT --jump DROP",
                "-A cali-wl-to-host --jump cali-from-wl-dispatch",
                "-A cali-wl-to-host -m comment --comment \"Configured DefaultEndpointToHostAction\" --jump DROP");
        assertThat(lines(chains(RulesConfig.defaults().withEndpointToHostAction(EndpointToHostAction.ACCEPT)).get("cali-wl-to-host")))
                .last().isEqualTo("-A cali-wl-to-host -m comment --comment \"Configured DefaultEndpointToHostAction\" --jump ACCEPT");
    }

    @Test
    void outputDoesNotPoliceHostToWorkloadTraffic() {
        assertThat(lines(chains(RulesConfig.defaults()).get("cali-OUTPUT"))).containsExactly(
                "-A cali-OUTPUT -m mark --mark 0x10000/0x10000 --jump ACCEPT",
                "-A cali-OUTPUT --out-interface cali+ --jump RETURN",
                "-A cali-OUTPUT --jump MARK --set-mark 0/0xf0000",
                "-A cali-OUTPUT -m conntrack ! --ctstate DNAT --jump cali-to-host-endpoint",
                "-A cali-OUTPUT -m comment --comment \"Host endpoint policy accepted packet.\" -m mark --mark 0x10000/0x10000 --jump ACCEPT");
    }

    @Test
    void failsafeChainsAcceptTheConfiguredPorts() {
        assertThat(lines(chains(RulesConfig.defaults()).get("cali-failsafe-in"))).startsWith(
                "-A cali-failsafe-in -p tcp -m multiport --destination-ports 22 --jump ACCEPT",
                "-A cali-failsafe-in -p udp -m multiport --destination-ports 68 --jump ACCEPT");
    }

    @Test
    void kernelChainsGetOneJumpEachAndForwardEndsByAcceptingWhatPolicyAccepted() {
        StaticChains s = new StaticChains(RulesConfig.defaults());
        assertThat(s.filterInserts()).containsOnlyKeys("INPUT", "FORWARD", "OUTPUT");
        assertThat(line("FORWARD", s.filterInserts().get("FORWARD").get(0))).isEqualTo("-A FORWARD --jump cali-FORWARD");
        assertThat(s.filterAppends().get("FORWARD")).extracting(r -> line("FORWARD", r)).containsExactly(
                "-A FORWARD -m comment --comment \"Policy explicitly accepted packet.\" -m mark --mark 0x10000/0x10000 --jump ACCEPT",
                "-A FORWARD --jump MARK --set-mark 0x10000/0x10000");
    }

    @Test
    void moreInterfacePrefixesGetTheirOwnRules() {
        RulesConfig d = RulesConfig.defaults();
        RulesConfig two = new RulesConfig(List.of("cali", "tap"), d.marks(), d.endpointToHostAction(), d.filterAllowAction(), false,
                d.logPrefix(), d.failsafeInbound(), d.failsafeOutbound(), false, false, 4789);
        assertThat(lines(chains(two).get("cali-INPUT"))).startsWith(
                "-A cali-INPUT --in-interface cali+ --goto cali-wl-to-host",
                "-A cali-INPUT --in-interface tap+ --goto cali-wl-to-host");
    }
}
