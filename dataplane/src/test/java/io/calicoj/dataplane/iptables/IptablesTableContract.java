package io.calicoj.dataplane.iptables;

import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.dataplane.testing.ManualClock;
import io.calicoj.dataplane.testing.RecordingRunner;
import io.calicoj.dataplane.testing.RecordingSleeper;
import io.calicoj.exec.Command;
import io.calicoj.exec.CommandFailedException;
import io.calicoj.exec.CommandResult;
import io.calicoj.exec.CommandRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link Table} promises against an iptables implementation, run against the simulated tools
 * and against real {@code iptables-nft}/{@code iptables-legacy} in a throwaway network namespace.
 * Other programs' changes are made with the same restore and save tools, as kube-proxy would.
 */
public abstract class IptablesTableContract {

    /** Runs commands against the ruleset under test (a fresh one per test). */
    protected abstract CommandRunner runner();

    protected abstract IptablesBackend backend();

    protected ManualClock clock;
    protected RecordingRunner recorder;
    protected Table table;

    static final Chain A = Chain.of("cali-a",
            Rule.of(Match.any().protocol("tcp").destPorts(List.of(io.calicoj.model.Port.single(22))), Action.ACCEPT),
            Rule.of(Match.any().sourceNet("10.0.0.0/8"), Action.jump("cali-b"), "to b"),
            Rule.of(Action.DROP, "end of a"));
    static final Chain B = Chain.of("cali-b", Rule.of(Action.setMark(0x10000)), Rule.of(Match.any().markSingleBitSet(0x10000), Action.RETURN));

    @BeforeEach
    void createTable() {
        clock = new ManualClock();
        recorder = new RecordingRunner(c -> runner().run(c)); // runner() may only exist once subclasses set up
        table = newTable(Table.Options.defaults());
    }

    Table newTable(Table.Options options) {
        return new Table("filter", backend(), recorder, clock, new RecordingSleeper(clock), options);
    }

    private void program(Chain... chains) {
        table.updateChains(List.of(chains));
        table.setInsertedRules("FORWARD", List.of(Rule.of(Action.jump("cali-a"))));
        table.apply();
    }

    /** Another program changes the table in one transaction. */
    protected void foreign(String... lines) {
        String input = "*filter\n" + String.join("\n", lines) + "\nCOMMIT\n";
        try {
            CommandResult r = runner().run(Command.of(backend().restoreCommand(), "--noflush").withStdin(input));
            assertThat(r.succeeded()).as("foreign change %s: %s", input, r.stderr()).isTrue();
        } catch (CommandFailedException e) {
            throw new AssertionError(e);
        }
    }

    protected String save() {
        try {
            return runner().runOrThrow(Command.of(backend().saveCommand(), "-t", "filter")).stdout();
        } catch (CommandFailedException e) {
            throw new AssertionError(e);
        }
    }

    /** The rules of a chain as saved, each without its {@code -A <chain> } head. */
    protected List<String> rules(String chain) {
        List<String> out = new ArrayList<>();
        for (String line : save().split("\n")) {
            if (line.startsWith("-A " + chain + " ")) {
                out.add(line.substring(("-A " + chain + " ").length()));
            }
        }
        return out;
    }

    protected List<String> hashes(String chain) {
        return SavedTable.parse("filter", save()).hashes().get(chain);
    }

    @Test
    void appliesChainsAndTheKernelHookFromEmpty() {
        program(A, B);
        assertThat(hashes("cali-a")).isEqualTo(A.hashes());
        assertThat(hashes("cali-b")).isEqualTo(B.hashes());
        assertThat(rules("FORWARD")).hasSize(1).allMatch(r -> r.contains("cali-a"));
        assertThat(rules("cali-a").get(1)).contains("cali-b").contains("\"to b\"");
    }

    @Test
    void applyingAgainWithoutChangesRunsNoRestore() {
        program(A, B);
        int restores = table.restoreCount();
        table.apply();
        table.updateChain(A);
        table.apply();
        assertThat(table.restoreCount()).isEqualTo(restores);
    }

    @Test
    void aChangedRuleIsReplacedInPlaceAndTheRestIsUntouched() {
        program(A, B);
        recorder.clear();
        Chain a2 = Chain.of("cali-a", A.rules().get(0), Rule.of(Match.any().sourceNet("10.1.0.0/16"), Action.jump("cali-b"), "to b"),
                A.rules().get(2), Rule.of(Action.ACCEPT));
        table.updateChain(a2);
        table.apply();
        assertThat(hashes("cali-a")).isEqualTo(a2.hashes());
        String input = String.join("", recorder.inputsOf("-restore"));
        assertThat(input).doesNotContain("cali-a - [0:0]").contains("-R cali-a 2 ").contains("-R cali-a 3 ")
                .doesNotContain("-R cali-a 1 ").contains("-A cali-a ");
        Chain shorter = Chain.of("cali-a", A.rules().get(0));
        table.updateChain(shorter);
        table.apply();
        assertThat(hashes("cali-a")).isEqualTo(shorter.hashes());
    }

    @Test
    void aChainNoLongerReferencedIsDeleted() {
        program(A, B);
        table.updateChain(Chain.of("cali-a", Rule.of(Action.ACCEPT)));
        table.apply();
        assertThat(save()).doesNotContain(":cali-b ");
        table.removeChain("cali-b");
        table.setInsertedRules("FORWARD", List.of());
        table.apply();
        assertThat(save()).doesNotContain(":cali-a ").doesNotContain(":cali-b ");
        assertThat(rules("FORWARD")).isEmpty();
    }

    @Test
    void othersRulesAndChainsArePreservedAndOurHookStaysOnTop() {
        foreign(":KUBE-FORWARD - [0:0]", "-A KUBE-FORWARD -s 10.98.0.0/16 -j ACCEPT", "-A FORWARD -j KUBE-FORWARD",
                "-A FORWARD -s 10.99.0.1/32 -j DROP");
        program(A, B);
        assertThat(rules("FORWARD")).hasSize(3);
        assertThat(rules("FORWARD").get(0)).contains("cali-a");
        assertThat(rules("FORWARD").get(1)).contains("KUBE-FORWARD");
        assertThat(rules("KUBE-FORWARD")).hasSize(1);
        table.updateChain(Chain.of("cali-a", Rule.of(Action.ACCEPT)));
        table.apply();
        assertThat(rules("FORWARD")).hasSize(3);
        assertThat(rules("KUBE-FORWARD")).hasSize(1);
    }

    @Test
    void aRuleInsertedAboveOursIsLeftAndOursMovesBackToTheTop() {
        program(A, B);
        foreign("-I FORWARD 1 -s 10.99.0.1/32 -j ACCEPT");
        table.invalidateDataplaneCache();
        table.apply();
        List<String> forward = rules("FORWARD");
        assertThat(forward).hasSize(2);
        assertThat(forward.get(0)).contains("cali-a");
        assertThat(forward.get(1)).contains("10.99.0.1");
    }

    @Test
    void aClobberedChainIsRepairedAfterThePostWriteInterval() {
        program(A, B);
        foreign("-F cali-a", "-D FORWARD 1");
        clock.advance(Duration.ofMillis(999));
        table.apply();
        assertThat(rules("cali-a")).isEmpty();
        clock.advance(Duration.ofMillis(1));
        table.apply();
        assertThat(hashes("cali-a")).isEqualTo(A.hashes());
        assertThat(rules("FORWARD")).hasSize(1);
    }

    @Test
    void driftIsRepairedOnTheRefreshTimer() {
        table = newTable(Table.Options.defaults().withPostWriteInterval(Duration.ZERO).withRefreshInterval(Duration.ofSeconds(90)));
        program(A, B);
        foreign("-R cali-b 1 -j DROP");
        clock.advance(Duration.ofSeconds(89));
        assertThat(table.apply()).isEqualTo(Duration.ofSeconds(1));
        assertThat(hashes("cali-b")).isNotEqualTo(B.hashes());
        clock.advance(Duration.ofSeconds(1));
        table.apply();
        assertThat(hashes("cali-b")).isEqualTo(B.hashes());
    }

    @Test
    void staleChainsWithOurPrefixAndOurOldInsertsAreRemovedButNothingElse() {
        foreign(":cali-stale - [0:0]", "-A cali-stale -j ACCEPT", ":KUBE-SERVICES - [0:0]", "-A KUBE-SERVICES -j RETURN",
                "-A INPUT -m comment --comment \"cali:oldoldoldoldoldo\" -j cali-stale", "-A INPUT -j KUBE-SERVICES");
        program(A, B);
        assertThat(save()).doesNotContain("cali-stale").contains(":KUBE-SERVICES");
        assertThat(rules("INPUT")).containsExactly("-j KUBE-SERVICES");
    }

    @Test
    void appendedRulesStayAtTheBottomOfTheKernelChain() {
        table.updateChains(List.of(A, B));
        table.setInsertedRules("FORWARD", List.of(Rule.of(Action.jump("cali-a"))));
        table.setAppendedRules("FORWARD", List.of(Rule.of(Match.any().markSingleBitSet(0x10000), Action.ACCEPT)));
        table.apply();
        foreign("-A FORWARD -s 10.99.0.2/32 -j DROP");
        table.invalidateDataplaneCache();
        table.apply();
        List<String> forward = rules("FORWARD");
        assertThat(forward).hasSize(3);
        assertThat(forward.get(0)).contains("cali-a");
        assertThat(forward.get(1)).contains("10.99.0.2");
        assertThat(forward.get(2)).contains("0x10000/0x10000").contains("ACCEPT");
    }

    @Test
    void inAppendModeOurHookGoesAfterOthersRules() {
        foreign("-A FORWARD -s 10.99.0.3/32 -j DROP");
        table = newTable(Table.Options.defaults().withInsertMode("append"));
        program(A, B);
        List<String> forward = rules("FORWARD");
        assertThat(forward).hasSize(2);
        assertThat(forward.get(1)).contains("cali-a");
    }

    @Test
    void chainsThatReferToEachOtherCanBeReplacedInOneApply() {
        program(A, B);
        Chain c = Chain.of("cali-c", Rule.of(Action.ACCEPT));
        table.updateChain(Chain.of("cali-a", Rule.of(Action.jump("cali-c"))));
        table.updateChain(c);
        table.removeChain("cali-b");
        table.apply();
        assertThat(save()).doesNotContain(":cali-b ").contains(":cali-c ");
        assertThat(hashes("cali-c")).isEqualTo(c.hashes());
    }
}
