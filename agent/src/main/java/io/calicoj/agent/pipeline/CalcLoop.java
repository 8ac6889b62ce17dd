package io.calicoj.agent.pipeline;

import io.calicoj.agent.health.HealthAggregator;
import io.calicoj.agent.metrics.AgentMetrics;
import io.calicoj.calc.CalculationGraph;
import io.calicoj.datastore.Deletion;
import io.calicoj.datastore.SyncStatus;
import io.calicoj.datastore.Update;
import io.calicoj.model.ResourceKey;
import io.calicoj.model.ResourceKind;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calc thread: feeds datastore events to the calculation graph and flushes it whenever it
 * has caught up with its input, so a burst of updates becomes one coalesced dataplane batch.
 * Owns the graph (confined to this thread).
 */
final class CalcLoop implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(CalcLoop.class);
    private static final int MAX_EVENTS_PER_FLUSH = 1000;

    private final BlockingQueue<SyncerEvent> input;
    private final CalculationGraph graph;
    private final HealthAggregator.Reporter health;
    private final AgentMetrics metrics;
    private final Set<ResourceKey> workloadEndpoints = new HashSet<>();
    private final Set<ResourceKey> nodes = new HashSet<>();
    private volatile boolean stopped;
    private boolean inSync;

    CalcLoop(BlockingQueue<SyncerEvent> input, CalculationGraph graph, HealthAggregator.Reporter health,
             AgentMetrics metrics) {
        this.input = input;
        this.graph = graph;
        this.health = health;
        this.metrics = metrics;
    }

    void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        health.report(true, false, "waiting for the datastore");
        while (!stopped) {
            try {
                SyncerEvent first = input.poll(5, TimeUnit.SECONDS);
                if (first != null) {
                    long start = System.nanoTime();
                    process(first);
                    int n = 1;
                    SyncerEvent next;
                    while (n < MAX_EVENTS_PER_FLUSH && (next = input.poll()) != null) {
                        process(next);
                        n++;
                    }
                    graph.flush();
                    metrics.calcUpdateTime(Duration.ofNanos(System.nanoTime() - start));
                    metrics.clusterSize(workloadEndpoints.size(), nodes.size());
                }
                health.report(true, inSync, inSync ? "in sync" : "syncing");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // A broken invariant in the graph: report unhealthy and stop; the supervisor restarts us.
                log.error("calculation graph failed; stopping it", e);
                health.report(false, false, "failed: " + e);
                return;
            }
        }
    }

    private void process(SyncerEvent e) {
        if (e instanceof SyncerEvent.Status s) {
            metrics.syncStatus(s.status());
            if (s.status() == SyncStatus.IN_SYNC && !inSync) {
                log.info("datastore in sync: {} workload endpoints, {} nodes", workloadEndpoints.size(), nodes.size());
            }
            inSync = inSync || s.status() == SyncStatus.IN_SYNC;
            graph.onStatusUpdated(s.status());
            return;
        }
        SyncerEvent.Updates u = (SyncerEvent.Updates) e;
        Map<String, Integer> byKind = new HashMap<>();
        for (Update update : u.updates()) {
            ResourceKey key = update.key();
            byKind.merge(key.kind().kindName(), 1, Integer::sum);
            Set<ResourceKey> tracked = key.kind() == ResourceKind.WORKLOAD_ENDPOINT ? workloadEndpoints
                    : key.kind() == ResourceKind.NODE ? nodes : null;
            if (tracked != null) {
                if (update instanceof Deletion) {
                    tracked.remove(key);
                } else {
                    tracked.add(key);
                }
            }
        }
        byKind.forEach(metrics::calcUpdatesProcessed);
        graph.onUpdates(u.updates());
    }
}
