package io.calicoj.dataplane.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.dataplane.api.ParsedPolicy;
import io.calicoj.dataplane.api.ParsedRule;
import io.calicoj.dataplane.iptables.Chain;
import io.calicoj.dataplane.ipsets.IpSetState;
import io.calicoj.dataplane.testing.ChainEvaluator.Packet;
import io.calicoj.model.felix.PolicyId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Rules rendered through {@link FailClosedRules} never let through a packet the rules would not have
 * allowed, whichever of their IP sets miss members in the kernel (used positively or negated, plain
 * or named-port sets, in allow, deny, pass or log rules) and whichever could not be programmed at
 * all: the chain decides the packet as the rules say with the sets' true members, or drops it, or
 * the rules would have allowed it anyway. It never refers to a set that could not be programmed, and
 * with every set complete it is the chain the rules render to.
 */
class FailClosedRulesPropertyTest extends RuleModel {

    private static final PolicyRenderer RENDERER = new PolicyRenderer(RulesConfig.defaults());

    /** Each set's state, and for an incomplete set which of its members (sorted) the kernel lacks (bit i: member i). */
    record Degraded(Map<String, IpSetState> states, Map<String, Integer> missing) {
    }

    @Property(tries = 1000)
    void aDegradedSetNeverMakesThePolicyAllowMore(@ForAll("rules") List<ParsedRule> rules, @ForAll("packets") Packet packet,
                                                  @ForAll("degraded") Degraded degraded, @ForAll("scratch") long junk) {
        Chain chain = chain(FailClosedRules.apply(rules, id -> degraded.states().get(id)));
        Map<String, Set<String>> kernel = new HashMap<>();
        degraded.states().forEach((id, state) -> {
            if (state != IpSetState.UNKNOWN) {
                kernel.put(id, present(SETS.get(id), state == IpSetState.INCOMPLETE ? degraded.missing().get(id) : 0));
            }
        });
        Outcome intended = expected(rules, SETS, packet);
        Outcome actual = outcome(chain, byKernelName(kernel), packet, junk);
        assertThat(actual == intended || actual == Outcome.DENY || intended == Outcome.ALLOW)
                .as("%s for a packet the rules %s, chain %s", actual, intended, chain).isTrue();
        degraded.states().forEach((id, state) -> {
            if (state == IpSetState.UNKNOWN) {
                assertThat(chain.toString()).doesNotContain("cali40" + id + " ");
            }
        });
    }

    @Property(tries = 200)
    void withEverySetCompleteTheRulesAreUnchanged(@ForAll("rules") List<ParsedRule> rules) {
        assertThat(FailClosedRules.apply(rules, id -> IpSetState.COMPLETE)).isEqualTo(rules);
    }

    private static Chain chain(List<ParsedRule> rules) {
        return RENDERER.policyChains(new PolicyId("default", "p"), new ParsedPolicy(rules, List.of(), false, false, false), 4)
                .get(0);
    }

    private static Set<String> present(Set<String> members, int missingBits) {
        List<String> sorted = new TreeSet<>(members).stream().toList();
        Set<String> out = new TreeSet<>();
        for (int i = 0; i < sorted.size(); i++) {
            if ((missingBits & (1 << i)) == 0) {
                out.add(sorted.get(i));
            }
        }
        return out;
    }

    @Provide
    Arbitrary<Degraded> degraded() {
        List<String> ids = SETS.keySet().stream().sorted().toList();
        Arbitrary<IpSetState> state = Arbitraries.of(IpSetState.COMPLETE, IpSetState.INCOMPLETE, IpSetState.INCOMPLETE,
                IpSetState.UNKNOWN);
        return state.list().ofSize(ids.size()).flatMap(states -> Arbitraries.integers().between(1, 7).list().ofSize(ids.size())
                .map(bits -> {
                    Map<String, IpSetState> byId = new HashMap<>();
                    Map<String, Integer> missing = new HashMap<>();
                    for (int i = 0; i < ids.size(); i++) {
                        byId.put(ids.get(i), states.get(i));
                        missing.put(ids.get(i), bits.get(i));
                    }
                    return new Degraded(byId, missing);
                }));
    }
}
