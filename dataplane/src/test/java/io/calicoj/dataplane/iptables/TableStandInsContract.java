package io.calicoj.dataplane.iptables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calicoj.dataplane.api.DataplaneProblem;
import io.calicoj.dataplane.api.DataplaneProgrammingException;
import io.calicoj.dataplane.rules.FailClosedChains;
import io.calicoj.dataplane.testing.ManualClock;
import io.calicoj.dataplane.testing.RecordingProblems;
import io.calicoj.dataplane.testing.RecordingSleeper;
import io.calicoj.exec.Command;
import io.calicoj.exec.CommandFailedException;
import io.calicoj.exec.CommandRunner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One chain the kernel refuses does not hold back the others: it is programmed as its fail-closed
 * stand-in (a drop) and everything else as desired, whether the error names the chain's line
 * (iptables-nft) or only the COMMIT line (iptables-legacy, found by bisection). Run against the
 * simulated tools and the real ones in a node namespace; rules commented {@value #REFUSED} are
 * refused by the kernel (the real runner makes them a target the filter table does not allow).
 */
public abstract class TableStandInsContract {

    /** The comment of rules the kernel refuses. */
    protected static final String REFUSED = "the-kernel-refuses-this-rule";

    /** A ruleset where rules commented {@link #REFUSED} are refused (a fresh one per test). */
    protected abstract CommandRunner refusingRunner(IptablesBackend backend);

    private final ManualClock clock = new ManualClock();
    private final RecordingProblems problems = new RecordingProblems();
    private CommandRunner runner;
    private Table table;
    private IptablesBackend backend;

    static final Chain GOOD = Chain.of("cali-pi-good", Rule.of(Match.any().protocol("tcp"), Action.ACCEPT, "good"));
    static final Chain BAD = Chain.of("cali-pi-bad", Rule.of(Match.any().protocol("udp"), Action.ACCEPT, REFUSED));
    static final Chain FIXED = Chain.of("cali-pi-bad", Rule.of(Match.any().protocol("udp"), Action.ACCEPT, "fixed"));

    private void start(IptablesBackend b) {
        backend = b;
        runner = refusingRunner(b);
        table = new Table("filter", b, runner, clock, new RecordingSleeper(), Table.Options.defaults(),
                FailClosedChains::standIn, problems);
        table.updateChains(List.of(
                Chain.of("cali-from-wl-dispatch", Rule.of(Match.any().inInterface("caliA"), Action.goTo("cali-fw-caliA")),
                        Rule.of(Match.any().inInterface("caliB"), Action.goTo("cali-fw-caliB")), Rule.of(Action.DROP)),
                Chain.of("cali-fw-caliA", Rule.of(Action.jump("cali-pi-good")), Rule.of(Action.jump("cali-pi-bad"))),
                Chain.of("cali-fw-caliB", Rule.of(Action.jump("cali-pi-good"))),
                GOOD, BAD));
        table.setInsertedRules("FORWARD", List.of(Rule.of(Action.jump("cali-from-wl-dispatch"))));
    }

    /** The kernel's rule hashes of each of our chains. */
    private Map<String, List<String>> kernel() {
        try {
            String saved = runner.runOrThrow(Command.of(backend.saveCommand(), "-t", "filter")).stdout();
            return SavedTable.parse("filter", saved).hashes();
        } catch (CommandFailedException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest
    @EnumSource(IptablesBackend.class)
    void aChainTheKernelRefusesStandsInAsADropAndEverythingElseIsProgrammed(IptablesBackend b) {
        start(b);
        table.apply();
        Map<String, List<String>> kernel = kernel();
        assertThat(kernel.get("cali-pi-bad")).isEqualTo(FailClosedChains.drop("cali-pi-bad").hashes());
        assertThat(kernel.get("cali-pi-good")).isEqualTo(GOOD.hashes());
        assertThat(kernel).containsKeys("cali-from-wl-dispatch", "cali-fw-caliA", "cali-fw-caliB");
        assertThat(table.standingIn()).containsOnlyKeys("cali-pi-bad");
        assertThat(problems.reported(DataplaneProblem.ChainNotProgrammed.class)).singleElement()
                .satisfies(p -> assertThat(p.chain()).isEqualTo("cali-pi-bad"));
    }

    @ParameterizedTest
    @EnumSource(IptablesBackend.class)
    void everyRefusedChainIsFoundAndOnlyThose(IptablesBackend b) {
        start(b);
        table.updateChain(Chain.of("cali-fw-caliB", Rule.of(Action.jump("cali-pi-good")), Rule.of(Action.jump("cali-pi-bad2"))));
        table.updateChain(Chain.of("cali-pi-bad2", Rule.of(Action.DROP, REFUSED)));
        table.apply();
        assertThat(table.standingIn()).containsOnlyKeys("cali-pi-bad", "cali-pi-bad2");
        assertThat(kernel().get("cali-pi-good")).isEqualTo(GOOD.hashes());
    }

    @ParameterizedTest
    @EnumSource(IptablesBackend.class)
    void aStandInGetsItsChainBackWhenTheChainChanges(IptablesBackend b) {
        start(b);
        table.apply();
        table.updateChain(FIXED);
        table.apply();
        assertThat(kernel().get("cali-pi-bad")).isEqualTo(FIXED.hashes());
        assertThat(table.standingIn()).isEmpty();
        assertThat(problems.resolved()).containsExactly("chain-failed cali-pi-bad");
    }

    @ParameterizedTest
    @EnumSource(IptablesBackend.class)
    void aStandInIsTriedAgainAfterAGrowingDelay(IptablesBackend b) {
        start(b);
        assertThat(table.apply()).isEqualTo(Duration.ofSeconds(1));
        for (int second = 1; second <= 7; second++) {
            clock.advance(Duration.ofSeconds(1));
            table.apply();
        }
        assertThat(problems.reported(DataplaneProblem.ChainNotProgrammed.class)).as("at 0, 1, 3 and 7 s").hasSize(4);
        assertThat(table.standingIn()).containsOnlyKeys("cali-pi-bad");
        assertThat(kernel().get("cali-pi-bad")).isEqualTo(FailClosedChains.drop("cali-pi-bad").hashes());
    }

    @ParameterizedTest
    @EnumSource(IptablesBackend.class)
    void aRefusedChainWithoutAStandInStillFailsTheApply(IptablesBackend b) {
        start(b);
        table.updateChain(Chain.of("cali-FORWARD", Rule.of(Action.ACCEPT, REFUSED)));
        table.setInsertedRules("FORWARD", List.of(Rule.of(Action.jump("cali-from-wl-dispatch")), Rule.of(Action.jump("cali-FORWARD"))));
        assertThatThrownBy(table::apply).isInstanceOf(DataplaneProgrammingException.class);
    }
}
