package io.calicoj.dataplane.rules;

import io.calicoj.dataplane.api.ParsedRule;
import io.calicoj.dataplane.ipsets.IpSetState;
import io.calicoj.model.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Rules rewritten so that IP sets the kernel does not hold exactly as told never make them allow
 * more. A set missing members ({@link IpSetState#INCOMPLETE}) makes a rule match fewer packets where
 * it is used positively and more where it is negated ({@code notSelector}, {@code ! --match-set});
 * a set that could not be programmed ({@link IpSetState#UNKNOWN}) may not be referred to at all.
 * For each rule:
 *
 * <ul>
 *   <li>an allow rule matching fewer packets, or a deny rule matching more, only narrows what the
 *       policy allows: kept as it is (an incomplete set used positively by an allow, negated by a
 *       deny; any incomplete set in a log rule);</li>
 *   <li>an allow or log rule that would match more, or refers to an unknown set, is left out (an
 *       allow left out only narrows; a log decides nothing);</li>
 *   <li>a deny or pass rule that would match fewer packets, or refers to an unknown set, becomes a
 *       deny of a superset: the same rule without those sets (and, for a named-port set, without that
 *       side's port match, which it widens by or-ing). A pass is denied too: skipping to the next tier
 *       could allow what this tier would have denied.</li>
 * </ul>
 *
 * So the rendered policy decides every packet as the rules say, or denies it, or the rules would
 * have allowed it (then whatever the policy does with it is no more than allowed):
 * {@code FailClosedRulesPropertyTest}.
 */
public final class FailClosedRules {

    private FailClosedRules() {
    }

    /** The rules, each kept, left out or turned into a deny as above; the same list when every set is complete. */
    public static List<ParsedRule> apply(List<ParsedRule> rules, Function<String, IpSetState> states) {
        List<ParsedRule> out = new ArrayList<>(rules.size());
        for (ParsedRule r : rules) {
            Set<String> unsafe = unsafeSets(r, states);
            if (unsafe.isEmpty()) {
                out.add(r);
            } else if (r.action() == Action.DENY || r.action() == Action.PASS) {
                out.add(denyWithout(r, unsafe));
            }
        }
        return out;
    }

    /** The sets that make the rule allow more than it should (or that it may not refer to). */
    static Set<String> unsafeSets(ParsedRule r, Function<String, IpSetState> states) {
        boolean allows = r.action() == Action.ALLOW || r.action() == Action.PASS;
        boolean denies = r.action() == Action.DENY || r.action() == Action.PASS;
        Stream<String> positive = Stream.of(r.srcIpSetIds(), r.dstIpSetIds(), r.srcNamedPortIpSetIds(),
                r.dstNamedPortIpSetIds()).flatMap(List::stream).filter(id -> unsafe(states.apply(id), denies));
        Stream<String> negated = Stream.of(r.notSrcIpSetIds(), r.notDstIpSetIds(), r.notSrcNamedPortIpSetIds(),
                r.notDstNamedPortIpSetIds()).flatMap(List::stream).filter(id -> unsafe(states.apply(id), allows));
        return Stream.concat(positive, negated).collect(Collectors.toSet());
    }

    /** @param matchingFewerOrMoreOpens whether a set missing members opens something in this position */
    private static boolean unsafe(IpSetState state, boolean matchingFewerOrMoreOpens) {
        return state == IpSetState.UNKNOWN || state == IpSetState.INCOMPLETE && matchingFewerOrMoreOpens;
    }

    private static ParsedRule denyWithout(ParsedRule r, Set<String> unsafe) {
        boolean srcNamed = r.srcNamedPortIpSetIds().stream().anyMatch(unsafe::contains);
        boolean dstNamed = r.dstNamedPortIpSetIds().stream().anyMatch(unsafe::contains);
        return new ParsedRule(Action.DENY, r.ipVersion(), r.protocol(), r.notProtocol(), r.icmp(), r.notIcmp(),
                r.srcNets(), r.notSrcNets(), without(r.srcIpSetIds(), unsafe), without(r.notSrcIpSetIds(), unsafe),
                srcNamed ? List.of() : r.srcPorts(), r.notSrcPorts(),
                srcNamed ? List.of() : r.srcNamedPortIpSetIds(), without(r.notSrcNamedPortIpSetIds(), unsafe),
                r.dstNets(), r.notDstNets(), without(r.dstIpSetIds(), unsafe), without(r.notDstIpSetIds(), unsafe),
                dstNamed ? List.of() : r.dstPorts(), r.notDstPorts(),
                dstNamed ? List.of() : r.dstNamedPortIpSetIds(), without(r.notDstNamedPortIpSetIds(), unsafe));
    }

    private static List<String> without(List<String> ids, Set<String> unsafe) {
        return ids.stream().filter(id -> !unsafe.contains(id)).toList();
    }
}
