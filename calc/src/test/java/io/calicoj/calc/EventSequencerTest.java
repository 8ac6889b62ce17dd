package io.calicoj.calc;

import static io.calicoj.calc.testing.Resources.ip;
import static io.calicoj.calc.testing.Resources.labels;
import static io.calicoj.calc.testing.Resources.pod;
import static io.calicoj.calc.testing.Resources.policyId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calicoj.dataplane.api.ActivePolicyRemove;
import io.calicoj.dataplane.api.ActivePolicyUpdate;
import io.calicoj.dataplane.api.ActiveProfileRemove;
import io.calicoj.dataplane.api.ActiveProfileUpdate;
import io.calicoj.dataplane.api.ConfigUpdate;
import io.calicoj.dataplane.api.DataplaneUpdate;
import io.calicoj.dataplane.api.InSync;
import io.calicoj.dataplane.api.IpSetDeltaUpdate;
import io.calicoj.dataplane.api.IpSetRemove;
import io.calicoj.dataplane.api.IpSetType;
import io.calicoj.dataplane.api.IpSetUpdate;
import io.calicoj.dataplane.api.ParsedPolicy;
import io.calicoj.dataplane.api.TierInfo;
import io.calicoj.dataplane.api.WorkloadEndpointRemove;
import io.calicoj.dataplane.api.WorkloadEndpointUpdate;
import io.calicoj.model.felix.PolicyId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventSequencerTest {

    private final EventSequencer sequencer = new EventSequencer();
    private final PolicyId p = policyId("x", "p");
    private final ParsedPolicy empty = new ParsedPolicy(List.of(), List.of(), false, false, false);
    private final EndpointData web = Decoded.endpoint(pod("x", "a", "node-a", "10.0.0.1", labels()));

    private static List<Class<?>> types(List<DataplaneUpdate> batch) {
        return batch.stream().<Class<?>>map(Object::getClass).toList();
    }

    @Test
    void addsGoBottomUpAndRemovalsTopDownWithInSyncLast() {
        sequencer.onIpSetAdded("s:old", IpSetType.IP);
        sequencer.onPolicyRulesUpdate(policyId("x", "old"), empty);
        sequencer.onProfileRulesUpdate("old", List.of(), List.of());
        sequencer.onEndpointPolicyUpdate(Decoded.endpoint(pod("x", "old", "node-a", "10.0.0.9", labels())),
                EndpointPolicies.NONE);
        sequencer.onIpSetAdded("s:kept", IpSetType.IP);
        sequencer.flush(true);

        sequencer.onEndpointPolicyUpdate(web, EndpointPolicies.NONE);
        sequencer.onEndpointPolicyRemoved(pod("x", "old", "node-a", "10.0.0.9", labels()).key());
        sequencer.onProfileRulesUpdate("kns.x", List.of(), List.of());
        sequencer.onProfileRulesRemoved("old");
        sequencer.onPolicyRulesUpdate(p, empty);
        sequencer.onPolicyRulesRemoved(policyId("x", "old"));
        sequencer.onMemberAdded("s:kept", ip("10.0.0.1"));
        sequencer.onIpSetAdded("s:new", IpSetType.IP);
        sequencer.onIpSetRemoved("s:old");
        sequencer.onConfigUpdate(Map.of("a", "b"));

        assertThat(types(sequencer.flush(false))).containsExactly(ConfigUpdate.class, IpSetUpdate.class,
                IpSetDeltaUpdate.class, ActivePolicyUpdate.class, ActiveProfileUpdate.class,
                WorkloadEndpointUpdate.class, WorkloadEndpointRemove.class, ActiveProfileRemove.class,
                ActivePolicyRemove.class, IpSetRemove.class);
        assertThat(sequencer.flush(true)).containsExactly(new InSync());
    }

    @Test
    void aNewSetGoesOutWholeWithTheMembersItGainedMeanwhile() {
        sequencer.onIpSetAdded("s:a", IpSetType.IP);
        sequencer.onMemberAdded("s:a", ip("10.0.0.1"));
        sequencer.onMemberAdded("s:a", ip("10.0.0.2"));
        sequencer.onMemberRemoved("s:a", ip("10.0.0.1"));
        assertThat(sequencer.flush(false)).containsExactly(new IpSetUpdate("s:a", IpSetType.IP, Set.of(ip("10.0.0.2"))));
    }

    @Test
    void memberChangesToASentSetCoalesceIntoOneDelta() {
        sequencer.onIpSetAdded("s:a", IpSetType.IP);
        sequencer.onMemberAdded("s:a", ip("10.0.0.1"));
        sequencer.flush(false);

        sequencer.onMemberRemoved("s:a", ip("10.0.0.1"));
        sequencer.onMemberAdded("s:a", ip("10.0.0.1"));
        sequencer.onMemberAdded("s:a", ip("10.0.0.2"));
        sequencer.onMemberAdded("s:a", ip("10.0.0.3"));
        sequencer.onMemberRemoved("s:a", ip("10.0.0.3"));
        assertThat(sequencer.flush(false)).containsExactly(
                new IpSetDeltaUpdate("s:a", Set.of(ip("10.0.0.2")), Set.of()));
        assertThat(sequencer.isEmpty()).isTrue();
    }

    @Test
    void aSetRemovedAndAddedAgainInOneBatchIsReplacedNotRemoved() {
        sequencer.onIpSetAdded("s:a", IpSetType.IP);
        sequencer.onMemberAdded("s:a", ip("10.0.0.1"));
        sequencer.flush(false);
        sequencer.onIpSetRemoved("s:a");
        sequencer.onIpSetAdded("s:a", IpSetType.IP);
        sequencer.onMemberAdded("s:a", ip("10.0.0.2"));
        assertThat(sequencer.flush(false)).containsExactly(new IpSetUpdate("s:a", IpSetType.IP, Set.of(ip("10.0.0.2"))));
    }

    @Test
    void somethingAddedAndRemovedBetweenFlushesIsNeverSent() {
        sequencer.onIpSetAdded("s:a", IpSetType.IP);
        sequencer.onPolicyRulesUpdate(p, empty);
        sequencer.onEndpointPolicyUpdate(web, EndpointPolicies.NONE);
        sequencer.onEndpointPolicyRemoved(web.key());
        sequencer.onPolicyRulesRemoved(p);
        sequencer.onIpSetRemoved("s:a");
        assertThat(sequencer.isEmpty()).isTrue();
        assertThat(sequencer.flush(false)).isEmpty();
    }

    @Test
    void somethingEqualToWhatWasSentIsNotSentAgain() {
        sequencer.onPolicyRulesUpdate(p, empty);
        sequencer.onEndpointPolicyUpdate(web, EndpointPolicies.NONE);
        sequencer.flush(false);
        sequencer.onPolicyRulesUpdate(p, empty);
        sequencer.onEndpointPolicyUpdate(web, EndpointPolicies.NONE);
        assertThat(sequencer.isEmpty()).isTrue();

        sequencer.onEndpointPolicyUpdate(web, new EndpointPolicies(
                List.of(new TierInfo("default", List.of(p), List.of())), List.of(), List.of()));
        assertThat(sequencer.flush(false)).hasSize(1).first().isInstanceOf(WorkloadEndpointUpdate.class);
    }

    @Test
    void aWorkloadEndpointMessageCarriesItsInterfaceAddressesTiersAndProfiles() {
        TierInfo tier = new TierInfo("default", List.of(p), List.of());
        sequencer.onEndpointPolicyUpdate(web, new EndpointPolicies(List.of(tier), List.of(), List.of()));
        WorkloadEndpointUpdate m = (WorkloadEndpointUpdate) sequencer.flush(false).get(0);
        assertThat(m.key()).isEqualTo(web.key());
        assertThat(m.interfaceName()).startsWith("cali");
        assertThat(m.ipv4Nets()).extracting(Object::toString).containsExactly("10.0.0.1/32");
        assertThat(m.ipv6Nets()).isEmpty();
        assertThat(m.tiers()).containsExactly(tier);
        assertThat(m.profileIds()).containsExactly("kns.x");
    }

    @Test
    void membersOfUnknownSetsAndDoubleChangesAreBugs() {
        assertThatThrownBy(() -> sequencer.onMemberAdded("s:nope", ip("10.0.0.1")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("s:nope");
        sequencer.onIpSetAdded("s:a", IpSetType.IP);
        assertThatThrownBy(() -> sequencer.onIpSetAdded("s:a", IpSetType.IP)).isInstanceOf(IllegalStateException.class);
        sequencer.onMemberAdded("s:a", ip("10.0.0.1"));
        assertThatThrownBy(() -> sequencer.onMemberAdded("s:a", ip("10.0.0.1")))
                .isInstanceOf(IllegalStateException.class);
        sequencer.flush(false);
        sequencer.onMemberRemoved("s:a", ip("10.0.0.1"));
        assertThatThrownBy(() -> sequencer.onMemberRemoved("s:a", ip("10.0.0.1")))
                .isInstanceOf(IllegalStateException.class);
        sequencer.onIpSetRemoved("s:a");
        assertThatThrownBy(() -> sequencer.onIpSetRemoved("s:a")).isInstanceOf(IllegalStateException.class);
    }
}
