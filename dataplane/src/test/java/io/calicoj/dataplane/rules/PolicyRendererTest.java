package io.calicoj.dataplane.rules;

import static io.calicoj.dataplane.testing.ChainText.lines;
import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.dataplane.api.ParsedPolicy;
import io.calicoj.dataplane.api.ParsedRule;
import io.calicoj.dataplane.iptables.Chain;
import io.calicoj.dataplane.testing.ParsedRuleBuilder;
import io.calicoj.model.Port;
import io.calicoj.model.Protocol;
import io.calicoj.model.felix.PolicyId;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Golden expectations written by hand from Felix's rules/policy.go (default mask: accept 0x10000, pass 0x20000, scratch 0x40000/0x80000). */
class PolicyRendererTest {

    private static final String FRONTEND = "s:UWX7Iq1uo4Tpg9RFe8ieia-3NUTwdyCl8XVZxw";
    private static final String FRONTEND_SET = "cali40s:UWX7Iq1uo4Tpg9RFe8ieia-";
    private static final PolicyId POLICY = PolicyId.namespaced("default", "ns1", "knp.default.db");
    private final PolicyRenderer renderer = new PolicyRenderer(RulesConfig.defaults());

    private List<String> inbound(ParsedRule... rules) {
        List<Chain> chains = renderer.policyChains(POLICY, new ParsedPolicy(List.of(rules), List.of(), false, false, false), 4);
        return lines(chains.get(0));
    }

    private static final String C = "-A cali-pi-_k-rpuKych9BKEOla0xw";

    @Test
    void policyChainsAreNamedByTierAndNameAndLengthLimited() {
        List<Chain> chains = renderer.policyChains(POLICY, new ParsedPolicy(List.of(), List.of(), false, false, false), 4);
        assertThat(chains).extracting(Chain::name).containsExactly(
                ChainNames.lengthLimited("cali-pi-", "default/ns1/knp.default.db", 28),
                ChainNames.lengthLimited("cali-po-", "default/ns1/knp.default.db", 28));
        assertThat(chains.get(0).name()).isEqualTo(C.substring(3));
    }

    @Test
    void anAllowRuleSetsTheAcceptMarkAndTheTrailingReturnIsDropped() {
        assertThat(inbound(ParsedRuleBuilder.allow().protocol(Protocol.TCP).srcIpSets(FRONTEND).dstPorts(Port.single(6379)).build()))
                .containsExactly(C + " -m comment --comment \"Policy ns1/knp.default.db ingress\" -p tcp -m set --match-set "
                        + FRONTEND_SET + " src -m multiport --destination-ports 6379 --jump MARK --set-mark 0x10000/0x10000");
    }

    @Test
    void eachActionHasFelixsRules() {
        assertThat(inbound(ParsedRuleBuilder.log().protocol(Protocol.UDP).build(),
                ParsedRuleBuilder.pass().srcNets("10.0.0.0/8").build(),
                ParsedRuleBuilder.allow().dstNets("10.1.2.3/32").build(),
                ParsedRuleBuilder.deny().build()))
                .containsExactly(
                        C + " -m comment --comment \"Policy ns1/knp.default.db ingress\" -p udp"
                                + " --jump LOG --log-prefix \"calico-packet: \" --log-level 5",
                        C + " --source 10.0.0.0/8 --jump MARK --set-mark 0x20000/0x20000",
                        C + " -m mark --mark 0x20000/0x20000 --jump RETURN",
                        C + " --destination 10.1.2.3/32 --jump MARK --set-mark 0x10000/0x10000",
                        C + " -m mark --mark 0x10000/0x10000 --jump RETURN",
                        C + " --jump DROP");
    }

    @Test
    void anEmptyChainGetsOneCommentOnlyRule() {
        assertThat(inbound()).containsExactly(C + " -m comment --comment \"Policy ns1/knp.default.db ingress\"");
    }

    @Test
    void aSingleNamedPortIsMatchedInTheRuleWithDstDst() {
        assertThat(inbound(ParsedRuleBuilder.allow().protocol(Protocol.TCP).dstNamedPortSets("n:abc").build()).get(0))
                .endsWith("-p tcp -m set --match-set cali40n:abc dst,dst --jump MARK --set-mark 0x10000/0x10000");
        assertThat(inbound(ParsedRuleBuilder.allow().protocol(Protocol.TCP).srcNamedPortSets("n:abc").build()).get(0))
                .endsWith("-p tcp -m set --match-set cali40n:abc src,src --jump MARK --set-mark 0x10000/0x10000");
    }

    @Test
    void numericPortsOrNamedPortsBecomeABlockOnTheScratchBit() {
        assertThat(inbound(ParsedRuleBuilder.allow().protocol(Protocol.TCP).dstPorts(Port.single(80)).dstNamedPortSets("n:abc").build()))
                .containsExactly(
                        C + " -m comment --comment \"Policy ns1/knp.default.db ingress\" --jump MARK --set-mark 0/0xc0000",
                        C + " -p tcp -m multiport --destination-ports 80 --jump MARK --set-mark 0x40000/0x40000",
                        C + " -m set --match-set cali40n:abc dst,dst --jump MARK --set-mark 0x40000/0x40000",
                        C + " -p tcp -m mark --mark 0x40000/0x40000 --jump MARK --set-mark 0x10000/0x10000");
    }

    @Test
    void moreThanFifteenPortSlotsAreSplitIntoMultiportRulesOfABlock() {
        Port[] ports = IntStream.rangeClosed(1, 14).mapToObj(Port::single).toArray(Port[]::new);
        List<String> out = inbound(ParsedRuleBuilder.allow().protocol(Protocol.TCP)
                .dstPorts(ports).dstPorts(Port.range(100, 200), Port.single(300)).build());
        assertThat(out).containsExactly(
                C + " -m comment --comment \"Policy ns1/knp.default.db ingress\" --jump MARK --set-mark 0/0xc0000",
                C + " -p tcp -m multiport --destination-ports 1,2,3,4,5,6,7,8,9,10,11,12,13,14 --jump MARK --set-mark 0x40000/0x40000",
                C + " -p tcp -m multiport --destination-ports 100:200,300 --jump MARK --set-mark 0x40000/0x40000",
                C + " -p tcp -m mark --mark 0x40000/0x40000 --jump MARK --set-mark 0x10000/0x10000");
    }

    @Test
    void fifteenSinglePortsFitOneRule() {
        Port[] ports = IntStream.rangeClosed(1, 15).mapToObj(Port::single).toArray(Port[]::new);
        assertThat(inbound(ParsedRuleBuilder.allow().protocol(Protocol.TCP).dstPorts(ports).build())).hasSize(1);
    }

    @Test
    void negationsGoAfterThePositiveMatchesAndNegatedPortListsAreSplit() {
        Port[] many = IntStream.rangeClosed(1, 16).mapToObj(Port::single).toArray(Port[]::new);
        String line = inbound(ParsedRuleBuilder.deny().protocol(Protocol.TCP).srcIpSets("s:a").notProtocol(Protocol.UDP)
                .notSrcNets("10.0.0.0/8").notSrcIpSets("s:b").notDstPorts(many).notDstNamedPortSets("n:c")
                .notDstIpSets("s:d").build()).get(0);
        assertThat(line).isEqualTo(C + " -m comment --comment \"Policy ns1/knp.default.db ingress\" -p tcp -m set --match-set"
                + " cali40s:a src ! -p udp ! --source 10.0.0.0/8 -m set ! --match-set cali40s:b src"
                + " -m set ! --match-set cali40s:d dst"
                + " -m multiport ! --destination-ports 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15 -m multiport ! --destination-ports 16"
                + " -m set ! --match-set cali40n:c dst,dst --jump DROP");
    }

    @Test
    void icmpTypesAndCodes() {
        assertThat(inbound(ParsedRuleBuilder.allow().protocol(Protocol.ICMP).icmp(8, 0).notIcmp(3, null).build()).get(0))
                .endsWith("-p icmp -m icmp --icmp-type 8/0 -m icmp ! --icmp-type 3 --jump MARK --set-mark 0x10000/0x10000");
    }

    @Test
    void rulesOfTheOtherIpVersionAreSkipped() {
        assertThat(inbound(ParsedRuleBuilder.deny().ipVersion(6).build())).containsExactly(
                C + " -m comment --comment \"Policy ns1/knp.default.db ingress\"");
        assertThat(inbound(ParsedRuleBuilder.deny().srcNets("fd00::/64").build())).hasSize(1)
                .allMatch(l -> !l.contains("DROP"));
        assertThat(inbound(ParsedRuleBuilder.deny().srcNets("fd00::/64", "10.0.0.0/8").build()).get(0))
                .endsWith("--source 10.0.0.0/8 --jump DROP");
    }

    @Test
    void aNegatedCatchAllCidrSkipsTheRule() {
        assertThat(inbound(ParsedRuleBuilder.deny().notSrcNets("0.0.0.0/0").build())).allMatch(l -> !l.contains("DROP"));
    }

    @Test
    void severalPositiveCidrsAreOrEdInABlockAndASingleNegatedOneStaysInTheRule() {
        assertThat(inbound(ParsedRuleBuilder.allow().srcNets("10.0.0.0/24", "10.1.0.7/24").notSrcNets("10.0.0.5/32").build()))
                .containsExactly(
                        C + " -m comment --comment \"Policy ns1/knp.default.db ingress\" --jump MARK --set-mark 0/0xc0000",
                        C + " --source 10.0.0.0/24 --jump MARK --set-mark 0x40000/0x40000",
                        C + " --source 10.1.0.0/24 --jump MARK --set-mark 0x40000/0x40000",
                        C + " ! --source 10.0.0.5/32 -m mark --mark 0x40000/0x40000 --jump MARK --set-mark 0x10000/0x10000");
    }

    @Test
    void aPositiveCidrWithNegatedOnesUsesANegatedBlock() {
        assertThat(inbound(ParsedRuleBuilder.allow().srcNets("10.0.0.0/16").notSrcNets("10.0.1.0/24", "10.0.2.0/24").build()))
                .containsExactly(
                        C + " -m comment --comment \"Policy ns1/knp.default.db ingress\" --jump MARK --set-mark 0x40000/0xc0000",
                        C + " --source 10.0.1.0/24 --jump MARK --set-mark 0/0x40000",
                        C + " --source 10.0.2.0/24 --jump MARK --set-mark 0/0x40000",
                        C + " --source 10.0.0.0/16 -m mark --mark 0x40000/0x40000 --jump MARK --set-mark 0x10000/0x10000");
    }

    @Test
    void aThirdPositiveBlockStartsWithAClearScratchBit() {
        Port[] many = IntStream.rangeClosed(1, 16).mapToObj(Port::single).toArray(Port[]::new);
        List<String> out = inbound(ParsedRuleBuilder.allow().protocol(Protocol.TCP).srcPorts(many).dstPorts(many)
                .srcNets("10.0.0.0/24", "10.0.1.0/24").build());
        assertThat(out).containsSubsequence(
                C + " -p tcp -m multiport --destination-ports 16 --jump MARK --set-mark 0x80000/0x80000",
                C + " -m mark --mark 0/0x80000 --jump MARK --set-mark 0/0x40000",
                C + " --jump MARK --set-mark 0/0x80000",
                C + " --source 10.0.0.0/24 --jump MARK --set-mark 0x80000/0x80000",
                C + " --source 10.0.1.0/24 --jump MARK --set-mark 0x80000/0x80000",
                C + " -m mark --mark 0/0x80000 --jump MARK --set-mark 0/0x40000",
                C + " -p tcp -m mark --mark 0x40000/0x40000 --jump MARK --set-mark 0x10000/0x10000");
        assertThat(out.stream().filter(l -> l.endsWith(" --jump MARK --set-mark 0/0x80000"))).hasSize(1);
    }

    @Test
    void profileChainsHaveTheProfileComment() {
        List<Chain> chains = renderer.profileChains("kns.ns1", List.of(ParsedRuleBuilder.allow().build()), List.of(), 4);
        assertThat(lines(chains.get(0))).containsExactly(
                "-A cali-pri-kns.ns1 -m comment --comment \"Profile kns.ns1 ingress\" --jump MARK --set-mark 0x10000/0x10000");
        assertThat(lines(chains.get(1))).containsExactly("-A cali-pro-kns.ns1 -m comment --comment \"Profile kns.ns1 egress\"");
    }

    @Test
    void theLogPrefixMayNameTierKindAndPolicy() {
        RulesConfig d = RulesConfig.defaults();
        RulesConfig cfg = new RulesConfig(d.workloadInterfacePrefixes(), d.marks(), d.endpointToHostAction(), d.filterAllowAction(),
                false, "calico %t %k %p %n", d.failsafeInbound(), d.failsafeOutbound(), false, false, 4789);
        List<Chain> chains = new PolicyRenderer(cfg).policyChains(POLICY,
                new ParsedPolicy(List.of(ParsedRuleBuilder.log().build()), List.of(), false, false, false), 4);
        assertThat(lines(chains.get(0)).get(0)).contains("--log-prefix \"calico default np ns1/knp.default.db knp.default.db: \"");
    }

    @Test
    void theChainsRenderedForAPolicyOrProfileAreTheOnesItsRemovalDeletes() {
        ParsedPolicy rules = new ParsedPolicy(List.of(ParsedRuleBuilder.allow().build()), List.of(ParsedRuleBuilder.deny().build()),
                false, false, false);
        for (PolicyId id : List.of(POLICY, PolicyId.global("default", "short"), PolicyId.global("security", "x".repeat(40)))) {
            assertThat(renderer.policyChains(id, rules, 4)).extracting(Chain::name).isEqualTo(ChainNames.policyChains(id));
        }
        for (String profile : List.of("kns.ns1", "ksa.ns1." + "y".repeat(40))) {
            assertThat(renderer.profileChains(profile, rules.inboundRules(), rules.outboundRules(), 4)).extracting(Chain::name)
                    .isEqualTo(ChainNames.profileChains(profile));
        }
    }
}
