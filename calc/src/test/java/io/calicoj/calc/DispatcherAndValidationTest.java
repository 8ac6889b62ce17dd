package io.calicoj.calc;

import static io.calicoj.calc.testing.Resources.labels;
import static io.calicoj.calc.testing.Resources.namespace;
import static io.calicoj.calc.testing.Resources.pod;
import static io.calicoj.calc.testing.Resources.policy;
import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.datastore.Deletion;
import io.calicoj.datastore.Update;
import io.calicoj.datastore.Upsert;
import io.calicoj.model.Node;
import io.calicoj.model.ObjectMeta;
import io.calicoj.model.Profile;
import io.calicoj.model.Resource;
import io.calicoj.model.ResourceKey;
import io.calicoj.model.ResourceKind;
import io.calicoj.model.WorkloadEndpoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DispatcherAndValidationTest {

    /** What passed, as a datastore: key to value, deletions removing. */
    private final Map<ResourceKey, Resource> passed = new HashMap<>();
    private final List<String> log = new ArrayList<>();

    private void record(Update u) {
        if (u instanceof Upsert up) {
            passed.put(u.key(), up.value());
        } else {
            passed.remove(u.key());
        }
    }

    private static WorkloadEndpoint withoutInterface(WorkloadEndpoint w) {
        WorkloadEndpoint.Spec s = w.spec();
        return new WorkloadEndpoint(w.metadata(), new WorkloadEndpoint.Spec(s.orchestrator(), s.workload(), s.node(),
                s.containerId(), s.pod(), s.endpoint(), s.serviceAccountName(), s.ipNetworks(), s.ipNats(),
                s.ipv4Gateway(), s.ipv6Gateway(), s.profiles(), "", s.mac(), s.ports()));
    }

    @Test
    void anEndpointWithoutInterfaceNameBecomesADeletion() {
        ValidationFilter filter = new ValidationFilter(this::record);
        WorkloadEndpoint wep = pod("x", "a", "node-a", "10.0.0.1", labels());
        filter.onUpdate(Upsert.of(wep));
        assertThat(passed).containsKey(wep.key());

        filter.onUpdate(Upsert.of(withoutInterface(wep)));
        assertThat(passed).doesNotContainKey(wep.key());

        filter.onUpdate(Upsert.of(wep));
        assertThat(passed).containsEntry(wep.key(), wep);
    }

    @Test
    void anInvalidKeyIsWarnedAboutOnceUntilItIsValidAgain() {
        ValidationFilter filter = new ValidationFilter(this::record);
        WorkloadEndpoint wep = pod("x", "a", "node-a", "10.0.0.1", labels());
        filter.onUpdate(Upsert.of(withoutInterface(wep)));
        filter.onUpdate(Upsert.of(withoutInterface(wep)));
        assertThat(filter.warnings()).isEqualTo(1);

        filter.onUpdate(Upsert.of(wep));
        filter.onUpdate(Upsert.of(withoutInterface(wep)));
        assertThat(filter.warnings()).isEqualTo(2);
    }

    @Test
    void validValuesAndDeletionsPassUnchanged() {
        ValidationFilter filter = new ValidationFilter(this::record);
        var p = policy("x", "p", 1.0, "app == 'a'", List.of(), List.of());
        filter.onUpdate(Upsert.of(p));
        filter.onUpdate(Upsert.of(namespace("x")));
        assertThat(passed).containsEntry(p.key(), p).containsKey(ResourceKey.of(ResourceKind.PROFILE, "kns.x"));
        filter.onUpdate(new Deletion(p.key()));
        assertThat(passed).doesNotContainKey(p.key());
    }

    @Test
    void theDispatcherRoutesByKindInRegistrationOrderAndDropsOtherKinds() {
        Dispatcher d = Dispatcher.builder()
                .on(ResourceKind.PROFILE, Profile.class, p -> log.add("first " + p.metadata().name()),
                        k -> log.add("first -" + k.name()))
                .on(ResourceKind.PROFILE, Profile.class, p -> log.add("second " + p.metadata().name()),
                        k -> log.add("second -" + k.name()))
                .build();
        d.onUpdate(Upsert.of(namespace("x")));
        d.onUpdate(new Deletion(ResourceKey.of(ResourceKind.PROFILE, "kns.x")));
        d.onUpdate(Upsert.of(new Node(ObjectMeta.named("n1"), new Node.Spec(null, List.of()))));

        assertThat(log).containsExactly("first kns.x", "second kns.x", "first -kns.x", "second -kns.x");
    }
}
