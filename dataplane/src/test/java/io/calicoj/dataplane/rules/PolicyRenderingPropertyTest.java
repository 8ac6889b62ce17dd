package io.calicoj.dataplane.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.dataplane.api.ParsedPolicy;
import io.calicoj.dataplane.api.ParsedRule;
import io.calicoj.dataplane.iptables.Chain;
import io.calicoj.dataplane.testing.ChainEvaluator;
import io.calicoj.dataplane.testing.ChainEvaluator.Packet;
import io.calicoj.dataplane.testing.ParsedRuleBuilder;
import io.calicoj.model.Cidr;
import io.calicoj.model.IpAddress;
import io.calicoj.model.Port;
import io.calicoj.model.Protocol;
import io.calicoj.model.felix.PolicyId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The rendered policy chain decides every packet as the Calico rules say (first allow, deny or
 * pass wins; log goes on; no match falls through), whatever combination of CIDRs, negations,
 * port lists longer than multiport allows and named ports a rule has, and whatever junk the packet
 * carries in the scratch mark bits.
 */
class PolicyRenderingPropertyTest {

    private static final List<String> NETS = List.of("10.0.0.0/24", "10.0.1.0/24", "10.0.0.0/16", "10.0.0.5/32", "10.0.1.7/32");
    private static final List<String> ADDRESSES = List.of("10.0.0.5", "10.0.0.6", "10.0.1.7", "10.0.2.1", "192.168.0.1");
    private static final Map<String, Set<String>> SETS = Map.of(
            "cali40s:a", Set.of("10.0.0.5", "10.0.1.7"),
            "cali40s:b", Set.of("10.0.0.6"),
            "cali40n:web", Set.of("10.0.0.5,tcp:8080", "10.0.0.6,tcp:8081", "10.0.2.1,udp:53"),
            "cali40n:dns", Set.of("10.0.1.7,udp:53", "10.0.0.5,tcp:53"));
    private static final MarkBits MARKS = MarkBits.defaults();

    enum Expected { ALLOW, DENY, PASS, NONE }

    @Property(tries = 400)
    void theRenderedChainAgreesWithTheRules(@ForAll("rules") List<ParsedRule> rules, @ForAll("packets") Packet packet,
                                            @ForAll("scratch") long junk) {
        PolicyRenderer renderer = new PolicyRenderer(RulesConfig.defaults());
        Chain chain = renderer.policyChains(new PolicyId("default", "p"), new ParsedPolicy(rules, List.of(), false, false, false), 4)
                .get(0);
        ChainEvaluator.Outcome out = new ChainEvaluator(SETS).run(chain, packet, junk);
        Expected got;
        if (out.verdict() == ChainEvaluator.Verdict.DROP) {
            got = Expected.DENY;
        } else if ((out.mark() & MARKS.accept()) != 0) {
            got = Expected.ALLOW;
        } else if ((out.mark() & MARKS.pass()) != 0) {
            got = Expected.PASS;
        } else {
            got = Expected.NONE;
        }
        assertThat(got).as("chain %s", chain).isEqualTo(expected(rules, packet));
    }

    private static Expected expected(List<ParsedRule> rules, Packet p) {
        for (ParsedRule r : rules) {
            if (!matches(r, p)) {
                continue;
            }
            switch (r.action()) {
                case ALLOW: return Expected.ALLOW;
                case DENY: return Expected.DENY;
                case PASS: return Expected.PASS;
                default: break;
            }
        }
        return Expected.NONE;
    }

    private static boolean matches(ParsedRule r, Packet p) {
        if (r.protocol() != null && !r.protocol().kernelName().equals(p.protocol())) {
            return false;
        }
        if (r.notProtocol() != null && r.notProtocol().kernelName().equals(p.protocol())) {
            return false;
        }
        return side(r.srcNets(), r.notSrcNets(), r.srcIpSetIds(), r.notSrcIpSetIds(), r.srcPorts(), r.notSrcPorts(),
                r.srcNamedPortIpSetIds(), r.notSrcNamedPortIpSetIds(), p.src(), p.srcPort(), p.protocol())
                && side(r.dstNets(), r.notDstNets(), r.dstIpSetIds(), r.notDstIpSetIds(), r.dstPorts(), r.notDstPorts(),
                r.dstNamedPortIpSetIds(), r.notDstNamedPortIpSetIds(), p.dst(), p.dstPort(), p.protocol());
    }

    private static boolean side(List<Cidr> nets, List<Cidr> notNets, List<String> sets, List<String> notSets, List<Port> ports,
                                List<Port> notPorts, List<String> named, List<String> notNamed, IpAddress a, int port, String proto) {
        if (!nets.isEmpty() && nets.stream().noneMatch(c -> c.contains(a))) {
            return false;
        }
        if (notNets.stream().anyMatch(c -> c.contains(a))) {
            return false;
        }
        if (!sets.stream().allMatch(s -> SETS.get("cali40" + s).contains(a.toString()))) {
            return false;
        }
        if (notSets.stream().anyMatch(s -> SETS.get("cali40" + s).contains(a.toString()))) {
            return false;
        }
        String withPort = a + "," + proto + ":" + port;
        if ((!ports.isEmpty() || !named.isEmpty()) && ports.stream().noneMatch(pt -> pt.contains(port))
                && named.stream().noneMatch(s -> SETS.get("cali40" + s).contains(withPort))) {
            return false;
        }
        if (notPorts.stream().anyMatch(pt -> pt.contains(port))) {
            return false;
        }
        return notNamed.stream().noneMatch(s -> SETS.get("cali40" + s).contains(withPort));
    }

    @Provide
    Arbitrary<Long> scratch() {
        return Arbitraries.of(0L, MARKS.scratch0(), MARKS.scratch1(), MARKS.scratch0() | MARKS.scratch1());
    }

    @Provide
    Arbitrary<Packet> packets() {
        return Combinators.combine(Arbitraries.of(ADDRESSES), Arbitraries.of(ADDRESSES), Arbitraries.of("tcp", "udp"),
                Arbitraries.of(53, 80, 8080, 8081, 20, 30, 1000), Arbitraries.of(53, 80, 8080, 8081, 20, 30, 1000))
                .as((s, d, proto, sp, dp) -> new Packet(IpAddress.parse(s), IpAddress.parse(d), proto, sp, dp));
    }

    @Provide
    Arbitrary<List<ParsedRule>> rules() {
        return rule().list().ofMinSize(1).ofMaxSize(4);
    }

    private Arbitrary<ParsedRule> rule() {
        Arbitrary<List<Port>> ports = Arbitraries.oneOf(
                Arbitraries.integers().between(1, 40).map(Port::single),
                Arbitraries.integers().between(1, 40).map(lo -> Port.range(lo, lo + 5)),
                Arbitraries.of(53, 80, 8080).map(Port::single)).list().ofMaxSize(18);
        Arbitrary<List<String>> nets = Arbitraries.of(NETS).list().ofMaxSize(3).uniqueElements();
        Arbitrary<List<String>> sets = Arbitraries.of("s:a", "s:b").list().ofMaxSize(1);
        Arbitrary<List<String>> named = Arbitraries.of("n:web", "n:dns").list().ofMaxSize(2).uniqueElements();
        return Combinators.combine(Arbitraries.of("allow", "deny", "pass", "log"), Arbitraries.of("tcp", "udp", "none"),
                        Combinators.combine(nets, nets, nets, nets).as(List::of),
                        Combinators.combine(ports, ports, ports, ports).as(List::of),
                        Combinators.combine(sets, sets, named, named).as(List::of))
                .as((action, proto, netLists, portLists, setLists) -> {
                    ParsedRuleBuilder b = switch (action) {
                        case "allow" -> ParsedRuleBuilder.allow();
                        case "deny" -> ParsedRuleBuilder.deny();
                        case "pass" -> ParsedRuleBuilder.pass();
                        default -> ParsedRuleBuilder.log();
                    };
                    b.srcNets(netLists.get(0).toArray(String[]::new)).notSrcNets(netLists.get(1).toArray(String[]::new))
                            .dstNets(netLists.get(2).toArray(String[]::new)).notDstNets(netLists.get(3).toArray(String[]::new))
                            .srcIpSets(setLists.get(0).toArray(String[]::new)).notDstIpSets(setLists.get(1).toArray(String[]::new));
                    if (!proto.equals("none")) {
                        b.protocol(Protocol.parse(proto));
                        b.srcPorts(portLists.get(0).toArray(Port[]::new)).dstPorts(portLists.get(1).toArray(Port[]::new))
                                .notDstPorts(portLists.get(2).stream().limit(3).toArray(Port[]::new))
                                .dstNamedPortSets(setLists.get(2).toArray(String[]::new))
                                .notSrcNamedPortSets(setLists.get(3).stream().limit(1).toArray(String[]::new));
                    }
                    return b.build();
                });
    }
}
