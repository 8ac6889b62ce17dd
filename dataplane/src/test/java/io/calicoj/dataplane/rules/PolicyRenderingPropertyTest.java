package io.calicoj.dataplane.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.dataplane.api.ParsedPolicy;
import io.calicoj.dataplane.api.ParsedRule;
import io.calicoj.dataplane.iptables.Chain;
import io.calicoj.dataplane.testing.ChainEvaluator.Packet;
import io.calicoj.model.felix.PolicyId;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The rendered policy chain decides every packet as the Calico rules say (first allow, deny or
 * pass wins; log goes on; no match falls through), whatever combination of CIDRs, negations,
 * port lists longer than multiport allows and named ports a rule has, and whatever junk the packet
 * carries in the scratch mark bits.
 */
class PolicyRenderingPropertyTest extends RuleModel {

    @Property(tries = 400)
    void theRenderedChainAgreesWithTheRules(@ForAll("rules") List<ParsedRule> rules, @ForAll("packets") Packet packet,
                                            @ForAll("scratch") long junk) {
        PolicyRenderer renderer = new PolicyRenderer(RulesConfig.defaults());
        Chain chain = renderer.policyChains(new PolicyId("default", "p"), new ParsedPolicy(rules, List.of(), false, false, false), 4)
                .get(0);
        assertThat(outcome(chain, byKernelName(SETS), packet, junk)).as("chain %s", chain)
                .isEqualTo(expected(rules, SETS, packet));
    }
}
