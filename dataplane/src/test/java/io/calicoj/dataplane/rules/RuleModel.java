package io.calicoj.dataplane.rules;

import io.calicoj.dataplane.api.ParsedRule;
import io.calicoj.dataplane.iptables.Chain;
import io.calicoj.dataplane.testing.ChainEvaluator;
import io.calicoj.dataplane.testing.ChainEvaluator.Packet;
import io.calicoj.dataplane.testing.ParsedRuleBuilder;
import io.calicoj.model.Cidr;
import io.calicoj.model.IpAddress;
import io.calicoj.model.Port;
import io.calicoj.model.Protocol;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Provide;

/**
 * What the policy property tests share: random Calico rules over a few CIDRs, sets and ports, random
 * packets and scratch-mark junk (their {@code @Provide}rs), and the meaning of the rules for a packet
 * (the first allow, deny or pass that matches decides; log goes on; no match falls through) given the
 * sets' members.
 */
abstract class RuleModel {

    static final List<String> NETS = List.of("10.0.0.0/24", "10.0.1.0/24", "10.0.0.0/16", "10.0.0.5/32", "10.0.1.7/32");
    static final List<String> ADDRESSES = List.of("10.0.0.5", "10.0.0.6", "10.0.1.7", "10.0.2.1", "192.168.0.1");
    /** The sets by ID, with their members. */
    static final Map<String, Set<String>> SETS = Map.of(
            "s:a", Set.of("10.0.0.5", "10.0.1.7"),
            "s:b", Set.of("10.0.0.6"),
            "n:web", Set.of("10.0.0.5,tcp:8080", "10.0.0.6,tcp:8081", "10.0.2.1,udp:53"),
            "n:dns", Set.of("10.0.1.7,udp:53", "10.0.0.5,tcp:53"));
    static final MarkBits MARKS = MarkBits.defaults();

    enum Outcome { ALLOW, DENY, PASS, NONE }

    /** How the chain left the packet: dropped, or returned with the accept or pass bit (or neither). */
    static Outcome outcome(Chain chain, Map<String, Set<String>> kernelSets, Packet packet, long junk) {
        ChainEvaluator.Outcome out = new ChainEvaluator(kernelSets).run(chain, packet, junk);
        if (out.verdict() == ChainEvaluator.Verdict.DROP) {
            return Outcome.DENY;
        }
        if ((out.mark() & MARKS.accept()) != 0) {
            return Outcome.ALLOW;
        }
        return (out.mark() & MARKS.pass()) != 0 ? Outcome.PASS : Outcome.NONE;
    }

    /** The sets by kernel name ({@code cali40} + ID). */
    static Map<String, Set<String>> byKernelName(Map<String, Set<String>> sets) {
        Map<String, Set<String>> out = new java.util.HashMap<>();
        sets.forEach((id, members) -> out.put("cali40" + id, members));
        return out;
    }

    /** What the rules decide for the packet, the sets (by ID) holding these members. */
    static Outcome expected(List<ParsedRule> rules, Map<String, Set<String>> sets, Packet p) {
        for (ParsedRule r : rules) {
            if (!matches(r, sets, p)) {
                continue;
            }
            switch (r.action()) {
                case ALLOW: return Outcome.ALLOW;
                case DENY: return Outcome.DENY;
                case PASS: return Outcome.PASS;
                default: break;
            }
        }
        return Outcome.NONE;
    }

    private static boolean matches(ParsedRule r, Map<String, Set<String>> sets, Packet p) {
        if (r.protocol() != null && !r.protocol().kernelName().equals(p.protocol())) {
            return false;
        }
        if (r.notProtocol() != null && r.notProtocol().kernelName().equals(p.protocol())) {
            return false;
        }
        return side(sets, r.srcNets(), r.notSrcNets(), r.srcIpSetIds(), r.notSrcIpSetIds(), r.srcPorts(), r.notSrcPorts(),
                r.srcNamedPortIpSetIds(), r.notSrcNamedPortIpSetIds(), p.src(), p.srcPort(), p.protocol())
                && side(sets, r.dstNets(), r.notDstNets(), r.dstIpSetIds(), r.notDstIpSetIds(), r.dstPorts(), r.notDstPorts(),
                r.dstNamedPortIpSetIds(), r.notDstNamedPortIpSetIds(), p.dst(), p.dstPort(), p.protocol());
    }

    private static boolean side(Map<String, Set<String>> members, List<Cidr> nets, List<Cidr> notNets, List<String> sets,
                                List<String> notSets, List<Port> ports, List<Port> notPorts, List<String> named,
                                List<String> notNamed, IpAddress a, int port, String proto) {
        if (!nets.isEmpty() && nets.stream().noneMatch(c -> c.contains(a))) {
            return false;
        }
        if (notNets.stream().anyMatch(c -> c.contains(a))) {
            return false;
        }
        if (!sets.stream().allMatch(s -> members.get(s).contains(a.toString()))) {
            return false;
        }
        if (notSets.stream().anyMatch(s -> members.get(s).contains(a.toString()))) {
            return false;
        }
        String withPort = a + "," + proto + ":" + port;
        if ((!ports.isEmpty() || !named.isEmpty()) && ports.stream().noneMatch(pt -> pt.contains(port))
                && named.stream().noneMatch(s -> members.get(s).contains(withPort))) {
            return false;
        }
        if (notPorts.stream().anyMatch(pt -> pt.contains(port))) {
            return false;
        }
        return notNamed.stream().noneMatch(s -> members.get(s).contains(withPort));
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

    private static Arbitrary<ParsedRule> rule() {
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
