package io.calicoj.calc.testing;

import static io.calicoj.calc.testing.Resources.ip;
import static io.calicoj.calc.testing.Resources.ipPort;
import static io.calicoj.calc.testing.Resources.policyId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calicoj.dataplane.api.ActivePolicyRemove;
import io.calicoj.dataplane.api.ActivePolicyUpdate;
import io.calicoj.dataplane.api.ActiveProfileRemove;
import io.calicoj.dataplane.api.ActiveProfileUpdate;
import io.calicoj.dataplane.api.DataplaneUpdate;
import io.calicoj.dataplane.api.InSync;
import io.calicoj.dataplane.api.IpSetDeltaUpdate;
import io.calicoj.dataplane.api.IpSetRemove;
import io.calicoj.dataplane.api.IpSetType;
import io.calicoj.dataplane.api.IpSetUpdate;
import io.calicoj.dataplane.api.ParsedPolicy;
import io.calicoj.dataplane.api.ParsedRule;
import io.calicoj.dataplane.api.TierInfo;
import io.calicoj.dataplane.api.WorkloadEndpointRemove;
import io.calicoj.dataplane.api.WorkloadEndpointUpdate;
import io.calicoj.model.Action;
import io.calicoj.model.Protocol;
import io.calicoj.model.ResourceKey;
import io.calicoj.model.ResourceKind;
import io.calicoj.model.felix.PolicyId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FakeDataplaneTest {

    private final FakeDataplane fake = new FakeDataplane();
    private final PolicyId p = policyId("x", "p");
    private final ResourceKey ep = ResourceKey.of(ResourceKind.WORKLOAD_ENDPOINT, "x", "a");

    private static ParsedRule fromSet(String id) {
        return new ParsedRule(Action.ALLOW, null, null, null, null, null, List.of(), List.of(), List.of(id), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of());
    }

    private static ParsedPolicy using(String set) {
        return new ParsedPolicy(List.of(fromSet(set)), List.of(), false, false, false);
    }

    private WorkloadEndpointUpdate endpoint(List<PolicyId> ingress, List<String> profiles) {
        return new WorkloadEndpointUpdate(ep, "cali1", "", List.of(), List.of(),
                ingress.isEmpty() ? List.of() : List.of(new TierInfo("default", ingress, List.of())), profiles);
    }

    private void synced(DataplaneUpdate... first) {
        List<DataplaneUpdate> batch = new ArrayList<>(List.of(first));
        batch.add(new InSync());
        fake.onBatch(batch);
    }

    private void send(DataplaneUpdate... batch) {
        fake.onBatch(List.of(batch));
    }

    @Test
    void aConsistentSequenceBuildsTheModel() {
        synced(new IpSetUpdate("s:a", IpSetType.IP, Set.of(ip("10.0.0.1"))), new ActivePolicyUpdate(p, using("s:a")),
                new ActiveProfileUpdate("kns.x", List.of(), List.of()), endpoint(List.of(p), List.of("kns.x")));
        send(new IpSetDeltaUpdate("s:a", Set.of(ip("10.0.0.2")), Set.of(ip("10.0.0.1"))));
        assertThat(fake.ipSets()).containsEntry("s:a", Set.of(ip("10.0.0.2")));
        assertThat(fake.activePolicies()).containsExactly(p);
        assertThat(fake.endpointTiers().get(ep)).containsExactly(new TierInfo("default", List.of(p), List.of()));

        send(new WorkloadEndpointRemove(ep), new ActiveProfileRemove("kns.x"), new ActivePolicyRemove(p),
                new IpSetRemove("s:a"));
        assertThat(fake.isEmpty()).isTrue();
        assertThat(fake.batches()).isEqualTo(3);
    }

    @Test
    void theFirstBatchMustEndWithInSyncAndInSyncComesOnce() {
        assertThatThrownBy(() -> send(new IpSetUpdate("s:a", IpSetType.IP, Set.of())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("InSync");
        synced();
        assertThatThrownBy(() -> send(new InSync())).hasMessageContaining("InSync sent twice");
    }

    @Test
    void setReferencesMustFollowTheSet() {
        synced();
        assertThatThrownBy(() -> send(new ActivePolicyUpdate(p, using("s:a")))).hasMessageContaining("before it was sent");
        assertThatThrownBy(() -> send(new ActiveProfileUpdate("kns.x", List.of(fromSet("s:a")), List.of())))
                .hasMessageContaining("before it was sent");
        assertThatThrownBy(() -> send(new IpSetDeltaUpdate("s:a", Set.of(ip("10.0.0.1")), Set.of())))
                .hasMessageContaining("unknown IP set");
        assertThatThrownBy(() -> send(new IpSetRemove("s:a"))).hasMessageContaining("unknown IP set");
    }

    @Test
    void membersMustBeAddedWhileAbsentAndRemovedWhilePresentAndFitTheSetType() {
        synced(new IpSetUpdate("s:a", IpSetType.IP, Set.of(ip("10.0.0.1"))));
        assertThatThrownBy(() -> send(new IpSetDeltaUpdate("s:a", Set.of(ip("10.0.0.1")), Set.of())))
                .hasMessageContaining("duplicate add");
        assertThatThrownBy(() -> send(new IpSetDeltaUpdate("s:a", Set.of(), Set.of(ip("10.0.0.9")))))
                .hasMessageContaining("absent member");
        assertThatThrownBy(() -> send(new IpSetDeltaUpdate("s:a", Set.of(ipPort("10.0.0.2", Protocol.TCP, 80)),
                Set.of()))).hasMessageContaining("does not fit");
    }

    @Test
    void nothingStillReferencedMayBeRemoved() {
        synced(new IpSetUpdate("s:a", IpSetType.IP, Set.of()), new ActivePolicyUpdate(p, using("s:a")),
                new ActiveProfileUpdate("kns.x", List.of(), List.of()), endpoint(List.of(p), List.of("kns.x")));
        assertThatThrownBy(() -> send(new IpSetRemove("s:a"))).hasMessageContaining("while policy");
        assertThatThrownBy(() -> send(new ActivePolicyRemove(p))).hasMessageContaining("while an endpoint lists it");
        assertThatThrownBy(() -> send(new ActiveProfileRemove("kns.x"))).hasMessageContaining("while an endpoint");
    }

    @Test
    void endpointsMayListOnlyPoliciesAndProfilesAlreadySent() {
        synced();
        assertThatThrownBy(() -> send(endpoint(List.of(p), List.of()))).hasMessageContaining("lists policy");
        assertThatThrownBy(() -> send(endpoint(List.of(), List.of("kns.x")))).hasMessageContaining("lists profile");
        assertThatThrownBy(() -> send(new WorkloadEndpointRemove(ep))).hasMessageContaining("unknown workload endpoint");
    }
}
