package io.calicoj.dataplane.iptables;

import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.model.Port;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleHashesTest {

    private static final Rule SSH = Rule.of(Match.any().protocol("tcp").destPorts(List.of(Port.single(22))), Action.ACCEPT);
    private static final Rule DHCP = Rule.of(Match.any().protocol("udp").destPorts(List.of(Port.single(68))), Action.ACCEPT);

    @Test
    void failsafeChainHashesMatchTheSpecTestVectors() {
        // calico-kdd.md §10: the 2017 algorithm; modern Felix (generictables.RuleHashes with the iptables
        // renderer's "HASH" placeholder) hashes the same text, so the vectors still hold.
        assertThat(RuleHashes.of("cali-failsafe-in", List.of(SSH, DHCP))).containsExactly("wWFQM43tJU7wwnFZ", "LwNV--R8MjeUYacw");
    }

    @Test
    void aRuleHashDependsOnTheChainAndOnEveryRuleBeforeIt() {
        List<String> base = RuleHashes.of("cali-x", List.of(SSH, DHCP));
        assertThat(RuleHashes.of("cali-y", List.of(SSH, DHCP))).doesNotContainAnyElementsOf(base);
        assertThat(RuleHashes.of("cali-x", List.of(DHCP, DHCP)).get(1)).isNotEqualTo(base.get(1));
        assertThat(RuleHashes.of("cali-x", List.of(SSH)).get(0)).isEqualTo(base.get(0));
    }

    @Test
    void theHashCommentComesFirstThenCommentsMatchAndAction() {
        Rule r = Rule.of(Match.any().inInterface("cali+"), Action.jump("cali-from-wl-dispatch"), "a comment");
        assertThat(RuleHashes.renderAppend("cali-FORWARD", r, "abcdefghijklmnop")).isEqualTo(
                "-A cali-FORWARD -m comment --comment \"cali:abcdefghijklmnop\" -m comment --comment \"a comment\""
                        + " --in-interface cali+ --jump cali-from-wl-dispatch");
        assertThat(RuleHashes.renderReplace("cali-FORWARD", 3, r, "h")).startsWith("-R cali-FORWARD 3 -m comment");
        assertThat(RuleHashes.renderInsert("FORWARD", Rule.of(Action.jump("cali-FORWARD")), "h"))
                .isEqualTo("-I FORWARD -m comment --comment \"cali:h\" --jump cali-FORWARD");
    }

    @Test
    void commentsLoseShellUnsafeCharactersAndStopAt256() {
        assertThat(RuleHashes.escapeComment("Policy ns/x \"quoted\"\nnext")).isEqualTo("Policy ns/x _quoted__next");
        assertThat(RuleHashes.escapeComment("a".repeat(300))).hasSize(256);
    }

    @Test
    void marksArePrintedLikeCsHashXFormat() {
        assertThat(Action.clearMark(0x30000).fragment()).isEqualTo("--jump MARK --set-mark 0/0x30000");
        assertThat(Action.setMark(0x10000).fragment()).isEqualTo("--jump MARK --set-mark 0x10000/0x10000");
        assertThat(Match.any().markClear(0x20000).render()).isEqualTo("-m mark --mark 0/0x20000");
        assertThat(Match.any().markSingleBitSet(0x10000).render()).isEqualTo("-m mark --mark 0x10000/0x10000");
    }
}
