package io.calicoj.calc;

import static io.calicoj.calc.testing.Resources.labels;
import static io.calicoj.calc.testing.Resources.namespace;
import static io.calicoj.calc.testing.Resources.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.dataplane.api.ConfigUpdate;
import io.calicoj.dataplane.api.DataplaneUpdate;
import io.calicoj.dataplane.api.InSync;
import io.calicoj.datastore.SyncStatus;
import io.calicoj.datastore.Update;
import io.calicoj.datastore.Upsert;
import io.calicoj.model.Cidr;
import io.calicoj.model.FelixConfiguration;
import io.calicoj.model.IpPool;
import io.calicoj.model.Node;
import io.calicoj.model.ObjectMeta;
import io.calicoj.model.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CalculationGraphTest {

    private final List<List<DataplaneUpdate>> batches = new ArrayList<>();
    private final CalculationGraph graph = CalculationGraph.create("node-a", batches::add);

    private void send(Resource... resources) {
        List<Update> updates = new ArrayList<>();
        for (var r : resources) {
            updates.add(Upsert.of(r));
        }
        graph.onUpdates(updates);
    }

    @Test
    void nothingIsSentBeforeInSyncThenOneBatchEndingWithInSync() {
        send(namespace("x"), pod("x", "a", "node-a", "10.0.0.1", labels()));
        graph.flush();
        graph.onStatusUpdated(SyncStatus.RESYNC_IN_PROGRESS);
        graph.flush();
        assertThat(batches).isEmpty();

        graph.onStatusUpdated(SyncStatus.IN_SYNC);
        graph.flush();
        assertThat(batches).hasSize(1);
        assertThat(batches.get(0)).last().isEqualTo(new InSync());
        assertThat(batches.get(0)).first().isEqualTo(new ConfigUpdate(Map.of()));
        assertThat(batches.get(0)).hasSize(4); // config, profile, endpoint, in sync
    }

    @Test
    void aFlushWithNothingNewSendsNothingAndInSyncIsSentOnce() {
        graph.onStatusUpdated(SyncStatus.IN_SYNC);
        graph.flush();
        graph.flush();
        graph.onStatusUpdated(SyncStatus.RESYNC_IN_PROGRESS);
        graph.onStatusUpdated(SyncStatus.IN_SYNC);
        graph.flush();
        assertThat(batches).containsExactly(List.of(new ConfigUpdate(Map.of()), new InSync()));
    }

    @Test
    void aBurstOfChangesAfterInSyncIsOneBatch() {
        graph.onStatusUpdated(SyncStatus.IN_SYNC);
        graph.flush();
        send(namespace("x"), pod("x", "a", "node-a", "10.0.0.1", labels()), pod("x", "b", "node-a", "10.0.0.2",
                labels()));
        send(new FelixConfiguration(ObjectMeta.named("default"), Map.of("logSeverityScreen", "Debug")));
        graph.flush();
        assertThat(batches).hasSize(2);
        assertThat(batches.get(1)).hasSize(4); // config, profile, two endpoints
    }

    @Test
    void nodesAndIpPoolsAreIgnored() {
        graph.onStatusUpdated(SyncStatus.IN_SYNC);
        graph.flush();
        send(new Node(ObjectMeta.named("node-a"), new Node.Spec(null, List.of())),
                new IpPool(ObjectMeta.named("pool"), new IpPool.Spec(Cidr.parse("10.0.0.0/16"), "Never", "Never",
                        true, false, "", 26)));
        graph.flush();
        assertThat(batches).hasSize(1);
    }
}
