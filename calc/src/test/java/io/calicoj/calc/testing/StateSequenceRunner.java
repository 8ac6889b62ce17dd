package io.calicoj.calc.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.calc.CalculationGraph;
import io.calicoj.datastore.SyncStatus;
import io.calicoj.datastore.Update;
import java.util.List;
import java.util.TreeMap;

/**
 * Drives a fresh graph through a sequence of states into a {@link FakeDataplane}, flushing as the
 * strategy says, and checks the fake against each state reached (at the end only for
 * {@link FlushStrategy#AT_END}). Then tears everything down and checks that nothing is left.
 * Every protocol violation surfaces as the fake's exception.
 */
public final class StateSequenceRunner {

    private final String hostname;
    private final FlushStrategy strategy;
    private final FakeDataplane dataplane = new FakeDataplane();
    private final CalculationGraph graph;
    private boolean inSync;

    public StateSequenceRunner(String hostname, FlushStrategy strategy) {
        this.hostname = hostname;
        this.strategy = strategy;
        this.graph = CalculationGraph.create(hostname, dataplane);
    }

    public FakeDataplane dataplane() {
        return dataplane;
    }

    /** Runs the sequence, then goes back to empty. */
    public void run(List<State> states) {
        State last = State.EMPTY;
        for (State state : states) {
            for (Update u : state.deltasFrom(last)) {
                graph.onUpdates(List.of(u));
                if (strategy == FlushStrategy.AFTER_EACH_UPDATE || strategy == FlushStrategy.AFTER_EACH_UPDATE_DUPLICATED) {
                    syncAndFlush();
                }
                if (strategy == FlushStrategy.AFTER_EACH_UPDATE_DUPLICATED) {
                    graph.onUpdates(List.of(u));
                    graph.flush();
                }
            }
            if (strategy == FlushStrategy.AFTER_EACH_STATE) {
                syncAndFlush();
            }
            if (strategy != FlushStrategy.AT_END && inSync) {
                expect(state);
            }
            last = state;
        }
        syncAndFlush();
        expect(last);
        graph.onUpdates(State.EMPTY.deltasFrom(last));
        graph.flush();
        assertThat(dataplane.isEmpty()).as("after deleting everything, the dataplane is empty: sets %s, policies %s,"
                        + " profiles %s, endpoints %s", dataplane.ipSets(), dataplane.activePolicies(),
                dataplane.activeProfiles(), dataplane.endpointTiers()).isTrue();
    }

    private void syncAndFlush() {
        if (!inSync) {
            graph.onStatusUpdated(SyncStatus.IN_SYNC);
            inSync = true;
        }
        graph.flush();
    }

    /** Checks the fake against a state's expectations. */
    public void expect(State state) {
        String where = "on " + hostname + " after reaching state '" + state.name() + "'";
        assertThat(dataplane.ipSets()).as("IP sets " + where).isEqualTo(new TreeMap<>(state.ipSets()));
        assertThat(dataplane.activePolicies()).as("active policies " + where).isEqualTo(state.policies());
        assertThat(dataplane.activeProfiles()).as("active profiles " + where).isEqualTo(state.profiles());
        assertThat(dataplane.endpointTiers()).as("endpoint tiers " + where).isEqualTo(state.endpoints());
    }
}
