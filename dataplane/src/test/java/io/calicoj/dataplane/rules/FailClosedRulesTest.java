package io.calicoj.dataplane.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.dataplane.api.ParsedRule;
import io.calicoj.dataplane.ipsets.IpSetState;
import io.calicoj.dataplane.testing.ParsedRuleBuilder;
import io.calicoj.model.Port;
import io.calicoj.model.Protocol;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@link FailClosedRules} does with each use of a set the kernel does not hold exactly (examples; the property test proves it safe). */
class FailClosedRulesTest {

    private static final String CLIENTS = "s:clients";
    private static final String WEB_PORT = "n:web";

    private static List<ParsedRule> apply(ParsedRule rule, IpSetState state) {
        return FailClosedRules.apply(List.of(rule), Map.of(CLIENTS, state, WEB_PORT, state)::get);
    }

    @Test
    void anAllowFromASetMissingMembersIsKeptItOnlyAllowsFewer() {
        ParsedRule allow = ParsedRuleBuilder.allow().srcIpSets(CLIENTS).build();
        assertThat(apply(allow, IpSetState.INCOMPLETE)).containsExactly(allow);
    }

    @Test
    void anAllowExceptFromASetMissingMembersIsLeftOutItWouldAllowThem() {
        assertThat(apply(ParsedRuleBuilder.allow().notSrcIpSets(CLIENTS).build(), IpSetState.INCOMPLETE)).isEmpty();
    }

    @Test
    void aDenyFromASetMissingMembersDeniesWithoutTheSet() {
        assertThat(apply(ParsedRuleBuilder.deny().protocol(Protocol.TCP).srcIpSets(CLIENTS).build(), IpSetState.INCOMPLETE))
                .containsExactly(ParsedRuleBuilder.deny().protocol(Protocol.TCP).build());
    }

    @Test
    void aDenyExceptFromASetMissingMembersIsKeptItOnlyDeniesMore() {
        ParsedRule deny = ParsedRuleBuilder.deny().notSrcIpSets(CLIENTS).build();
        assertThat(apply(deny, IpSetState.INCOMPLETE)).containsExactly(deny);
    }

    @Test
    void aPassWithASetMissingMembersDeniesWithoutTheSetSkippingTheTierCouldAllow() {
        assertThat(apply(ParsedRuleBuilder.pass().dstIpSets(CLIENTS).build(), IpSetState.INCOMPLETE))
                .containsExactly(ParsedRuleBuilder.deny().build());
        assertThat(apply(ParsedRuleBuilder.pass().notDstIpSets(CLIENTS).build(), IpSetState.INCOMPLETE))
                .containsExactly(ParsedRuleBuilder.deny().build());
    }

    @Test
    void aLogRuleKeepsASetMissingMembersAndDropsOutForASetNotProgrammed() {
        ParsedRule log = ParsedRuleBuilder.log().notSrcIpSets(CLIENTS).build();
        assertThat(apply(log, IpSetState.INCOMPLETE)).containsExactly(log);
        assertThat(apply(log, IpSetState.UNKNOWN)).isEmpty();
    }

    @Test
    void noRuleRefersToASetThatIsNotProgrammed() {
        assertThat(apply(ParsedRuleBuilder.allow().srcIpSets(CLIENTS).build(), IpSetState.UNKNOWN)).isEmpty();
        assertThat(apply(ParsedRuleBuilder.deny().notSrcIpSets(CLIENTS).build(), IpSetState.UNKNOWN))
                .containsExactly(ParsedRuleBuilder.deny().build());
    }

    @Test
    void aDenyToANamedPortLosesThatSidesWholePortMatchWhichTheSetWidened() {
        ParsedRule deny = ParsedRuleBuilder.deny().protocol(Protocol.TCP).dstPorts(Port.single(8080)).dstNamedPortSets(WEB_PORT)
                .srcPorts(Port.single(1234)).build();
        assertThat(apply(deny, IpSetState.INCOMPLETE))
                .containsExactly(ParsedRuleBuilder.deny().protocol(Protocol.TCP).srcPorts(Port.single(1234)).build());
    }

    @Test
    void rulesWhoseSetsAreCompleteAreUnchanged() {
        List<ParsedRule> rules = List.of(ParsedRuleBuilder.allow().notSrcIpSets(CLIENTS).build(),
                ParsedRuleBuilder.deny().dstNamedPortSets(WEB_PORT).build());
        assertThat(FailClosedRules.apply(rules, id -> IpSetState.COMPLETE)).isEqualTo(rules);
    }
}
