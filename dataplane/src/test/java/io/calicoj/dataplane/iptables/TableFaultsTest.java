package io.calicoj.dataplane.iptables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calicoj.dataplane.api.DataplaneProgrammingException;
import io.calicoj.dataplane.RetryPolicy;
import io.calicoj.dataplane.testing.ManualClock;
import io.calicoj.dataplane.testing.RecordingSleeper;
import io.calicoj.dataplane.testing.SimulatedKernel;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Faults only a simulator can inject on demand: failing restores, changes between our read and our write. */
class TableFaultsTest {

    private final SimulatedKernel kernel = new SimulatedKernel();
    private final ManualClock clock = new ManualClock();
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final Table table = new Table("filter", IptablesBackend.NFT, kernel, clock, sleeper, Table.Options.defaults());

    private void desire() {
        table.updateChains(List.of(IptablesTableContract.A, IptablesTableContract.B));
        table.setInsertedRules("FORWARD", List.of(Rule.of(Action.jump("cali-a"))));
    }

    @Test
    void aFailedRestoreIsRetriedWithExponentialBackoffAfterReReadingTheKernel() {
        desire();
        kernel.nft().failNextRestores(3);
        table.apply();
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(4));
        assertThat(kernel.nft().restoreCount()).isEqualTo(4);
        assertThat(kernel.nft().saveCount()).isEqualTo(4);
        assertThat(kernel.nft().chainNames("filter")).contains("cali-a", "cali-b");
    }

    @Test
    void afterTheLastRetryTheInputAndTheKernelStateAreReportedAndItThrows() {
        kernel.nft().createChain("filter", "KUBE-X");
        desire();
        kernel.nft().failNextRestores(100);
        assertThatThrownBy(table::apply).isInstanceOfSatisfying(DataplaneProgrammingException.class, e -> {
            assertThat(e.getMessage()).contains("after 11 attempts").contains("simulated failure");
            assertThat(e.input()).startsWith("*filter\n").contains(":cali-a - [0:0]").endsWith("COMMIT\n");
            assertThat(e.kernelState()).contains("*filter").contains(":KUBE-X - [0:0]");
        });
        assertThat(sleeper.sleeps()).hasSize(10).last().isEqualTo(Duration.ofMillis(512));
    }

    @Test
    void aChangeByAnotherProgramBetweenOurReadAndOurWriteIsRetriedAgainstTheNewState() {
        desire();
        table.apply();
        // kube-proxy deletes our hook and flushes a chain just before our next restore lands: the
        // restore's "-D FORWARD <our rule>" fails, the retry re-reads and repairs everything.
        table.updateChain(io.calicoj.dataplane.iptables.Chain.of("cali-b", Rule.of(Action.ACCEPT)));
        table.setInsertedRules("FORWARD", List.of(Rule.of(Action.jump("cali-a")), Rule.of(Action.jump("cali-b"))));
        kernel.nft().beforeNextRestore(k -> {
            k.deleteRule("filter", "FORWARD", 1);
            k.flushChain("filter", "cali-a");
        });
        table.apply();
        assertThat(sleeper.sleeps()).hasSize(1);
        assertThat(kernel.nft().rules("filter", "FORWARD")).hasSize(2);
        assertThat(SavedTable.parse("filter", kernel.run(io.calicoj.exec.Command.of("iptables-nft-save")).stdout())
                .hashes().get("cali-a")).isEqualTo(IptablesTableContract.A.hashes());
    }

    @Test
    void aFailingSaveIsRetriedThenReported() {
        SimulatedKernel broken = new SimulatedKernel();
        Table t = new Table("filter", IptablesBackend.LEGACY, c -> c.program().endsWith("-save")
                ? new io.calicoj.exec.CommandResult(c, 4, "", "iptables-save: permission denied") : broken.run(c),
                clock, sleeper, Table.Options.defaults());
        t.updateChain(IptablesTableContract.B);
        t.setInsertedRules("INPUT", List.of(Rule.of(Action.jump("cali-b"))));
        assertThatThrownBy(t::apply).isInstanceOf(DataplaneProgrammingException.class)
                .hasMessageContaining("could not read the kernel's state with iptables-legacy-save -t filter").hasMessageContaining("permission denied");
        assertThat(sleeper.sleeps()).hasSize(RetryPolicy.READS.retries());
    }

    @Test
    void theNextCallIsDueAtThePostWriteCheckThenAtDoublingIntervals() {
        desire();
        assertThat(table.apply()).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(table.apply()).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(table.apply()).isEqualTo(Duration.ofSeconds(2));
        int saves = kernel.nft().saveCount();
        clock.advance(Duration.ofSeconds(1));
        table.apply();
        assertThat(kernel.nft().saveCount()).isEqualTo(saves);
    }

    @Test
    void aWriteIsDiffedAgainstWhatWeLastWroteUnlessAskedToReReadFirst() {
        desire();
        table.apply();
        int saves = kernel.nft().saveCount();
        table.updateChain(Chain.of("cali-b", Rule.of(Action.ACCEPT)));
        table.apply();
        assertThat(kernel.nft().saveCount()).isEqualTo(saves);

        Table careful = new Table("filter", IptablesBackend.NFT, kernel, clock, sleeper,
                Table.Options.defaults().withRereadBeforeWrite(true));
        careful.updateChains(List.of(IptablesTableContract.A, IptablesTableContract.B));
        careful.setInsertedRules("FORWARD", List.of(Rule.of(Action.jump("cali-a"))));
        careful.apply();
        saves = kernel.nft().saveCount();
        careful.updateChain(Chain.of("cali-b", Rule.of(Action.ACCEPT)));
        careful.apply();
        assertThat(kernel.nft().saveCount()).isEqualTo(saves + 1);
    }

    @Test
    void aStaleViewThatMakesTheRestoreFailIsCorrectedByTheRetry() {
        desire();
        table.apply();
        kernel.nft().flushChain("filter", "cali-a");
        table.updateChain(Chain.of("cali-a", IptablesTableContract.A.rules().get(0), Rule.of(Action.RETURN)));
        table.apply();
        assertThat(sleeper.sleeps()).hasSize(1);
        assertThat(kernel.nft().rules("filter", "cali-a")).hasSize(2);
    }

    @Test
    void onlyOurChainsCanBeProgrammed() {
        assertThatThrownBy(() -> table.updateChain(Chain.of("KUBE-X"))).hasMessageContaining("does not start with cali-");
        assertThatThrownBy(() -> table.setInsertedRules("cali-a", List.of())).hasMessageContaining("is ours");
    }

    @Test
    void anUnreferencedChainIsNotProgrammed() {
        table.updateChain(IptablesTableContract.B);
        table.apply();
        assertThat(kernel.nft().chainNames("filter")).doesNotContain("cali-b");
        assertThat(table.programmedChainNames()).isEmpty();
    }
}
