package io.calicoj.dataplane.ipsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calicoj.dataplane.api.DataplaneProblem;
import io.calicoj.dataplane.api.IpSetMember;
import io.calicoj.dataplane.api.IpSetType;
import io.calicoj.dataplane.testing.ManualClock;
import io.calicoj.dataplane.testing.RecordingProblems;
import io.calicoj.dataplane.testing.RecordingSleeper;
import io.calicoj.dataplane.testing.SimulatedKernel;
import io.calicoj.exec.CommandResult;
import io.calicoj.model.IpAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Faults of the ipset tool only a simulator can inject on demand, and what the sets do about them. */
class IpSetsFaultsTest {

    private final SimulatedKernel kernel = new SimulatedKernel();
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final ManualClock clock = new ManualClock();
    private final RecordingProblems problems = new RecordingProblems();
    private final IpSets sets = new IpSets(4, kernel, clock, sleeper, IpSets.Options.defaults().withRefreshInterval(Duration.ZERO),
            problems, true);
    private static final IpSetMember A = new IpSetMember.Address(IpAddress.parse("10.0.0.1"));

    @Test
    void aRestoreFailingWithoutNamingALineIsRetriedWithBackoffAfterReReadingTheKernel() {
        AtomicInteger failures = new AtomicInteger(2);
        IpSets flaky = new IpSets(4, c -> c.argv().contains("restore") && failures.getAndDecrement() > 0
                ? new CommandResult(c, 1, "", "ipset v7.17: Kernel error received: Cannot allocate memory\n") : kernel.run(c),
                clock, sleeper, IpSets.Options.defaults(), problems, true);
        flaky.replace("s:x", IpSetType.IP, List.of(A));
        flaky.applyUpdates();
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(kernel.commands().stream().filter(c -> c.argv().contains("save"))).hasSize(3);
        assertThat(kernel.ipset().members("cali40s:x")).containsExactly("10.0.0.1");
        assertThat(flaky.state("s:x")).isEqualTo(IpSetState.COMPLETE);
    }

    @Test
    void aSetTheKernelKeepsRefusingIsReportedUnknownAndRetriedLaterWithoutThrowing() {
        sets.replace("s:x", IpSetType.IP, List.of(A));
        kernel.ipset().failNextRestores(2);
        sets.applyUpdates();
        assertThat(kernel.ipset().exists("cali40s:x")).isFalse();
        assertThat(sets.state("s:x")).isEqualTo(IpSetState.UNKNOWN);
        assertThat(problems.reported(DataplaneProblem.IpSetNotProgrammed.class)).singleElement()
                .satisfies(p -> assertThat(p.error()).contains("simulated failure"));
        assertThat(sleeper.sleeps()).isEmpty();

        assertThat(sets.applyUpdates()).isEqualTo(Duration.ofSeconds(1));
        assertThat(kernel.ipset().restoreCount()).as("not retried before its time").isEqualTo(2);
        clock.advance(Duration.ofSeconds(1));
        sets.applyUpdates();
        assertThat(kernel.ipset().members("cali40s:x")).containsExactly("10.0.0.1");
        assertThat(sets.state("s:x")).isEqualTo(IpSetState.COMPLETE);
        assertThat(problems.resolved()).containsExactly("ipset-failed s:x");
    }

    @Test
    void aFailedSetIsRetriedAtOnceWhenItChanges() {
        sets.replace("s:x", IpSetType.IP, List.of(A));
        kernel.ipset().failNextRestores(2);
        sets.applyUpdates();
        sets.addMembers("s:x", List.of(new IpSetMember.Address(IpAddress.parse("10.0.0.2"))));
        sets.applyUpdates();
        assertThat(kernel.ipset().members("cali40s:x")).containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2");
    }

    @Test
    void theRetriesOfASetThatKeepsFailingGrowToFiveMinutes() {
        sets.replace("s:x", IpSetType.IP, List.of(A));
        kernel.ipset().refuseMembers(m -> m.equals("10.0.0.1"));
        List<Duration> waits = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Duration next = sets.applyUpdates();
            waits.add(next);
            clock.advance(next);
        }
        assertThat(waits).startsWith(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4))
                .endsWith(Duration.ofMinutes(5));
    }

    @Test
    void aDeltaForASetNeverSentIsRefused() {
        assertThatThrownBy(() -> sets.addMembers("s:unknown", List.of(A))).hasMessageContaining("s:unknown is not known");
    }

    @Test
    void membersOfTheOtherFamilyAreLeftOut() {
        sets.replace("s:x", IpSetType.IP, List.of(A, new IpSetMember.Address(IpAddress.parse("fd00::1"))));
        assertThat(sets.members("s:x")).containsExactly("10.0.0.1");
    }

    @Test
    void aSetReplacedAfterItsRemovalIsNotDestroyed() {
        sets.replace("s:x", IpSetType.IP, List.of(A));
        sets.applyUpdates();
        sets.remove("s:x");
        sets.replace("s:x", IpSetType.IP, List.of(A));
        sets.applyUpdates();
        sets.applyDeletions();
        assertThat(kernel.ipset().exists("cali40s:x")).isTrue();
    }
}
