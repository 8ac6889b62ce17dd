package io.calicoj.dataplane.ipsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calicoj.dataplane.api.DataplaneProgrammingException;
import io.calicoj.dataplane.api.IpSetMember;
import io.calicoj.dataplane.api.IpSetType;
import io.calicoj.dataplane.testing.ManualClock;
import io.calicoj.dataplane.testing.RecordingSleeper;
import io.calicoj.dataplane.testing.SimulatedKernel;
import io.calicoj.model.IpAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpSetsFaultsTest {

    private final SimulatedKernel kernel = new SimulatedKernel();
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final IpSets sets = new IpSets(4, kernel, new ManualClock(), sleeper, IpSets.Options.defaults());
    private static final IpSetMember A = new IpSetMember.Address(IpAddress.parse("10.0.0.1"));

    @Test
    void aFailedRestoreIsRetriedAfterReReadingTheKernel() {
        sets.replace("s:x", IpSetType.IP, List.of(A));
        kernel.ipset().failNextRestores(2);
        sets.applyUpdates();
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(kernel.ipset().members("cali40s:x")).containsExactly("10.0.0.1");
    }

    @Test
    void afterTheLastRetryTheInputAndTheSetHeadersAreReported() {
        sets.replace("s:x", IpSetType.IP, List.of(A));
        kernel.ipset().failNextRestores(10);
        assertThatThrownBy(sets::applyUpdates).isInstanceOfSatisfying(DataplaneProgrammingException.class, e -> {
            assertThat(e.getMessage()).contains("after 4 attempts");
            assertThat(e.input()).isEqualTo("create cali40s:x hash:ip family inet maxelem 1048576\nadd cali40s:x 10.0.0.1\nCOMMIT\n");
        });
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
