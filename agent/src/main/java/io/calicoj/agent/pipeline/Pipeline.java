package io.calicoj.agent.pipeline;

import io.calicoj.agent.health.HealthAggregator;
import io.calicoj.agent.metrics.AgentMetrics;
import io.calicoj.calc.CalculationGraph;
import io.calicoj.dataplane.api.DataplaneUpdate;
import io.calicoj.dataplane.api.DataplaneDriver;
import io.calicoj.datastore.Syncer;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Felix's shape in threads:
 * <pre>
 *   syncer thread ──(SyncerEvent, bounded queue)──▶ calc thread ──(List&lt;DataplaneUpdate&gt;, bounded queue)──▶ dataplane thread
 *   (datastore)                                      CalculationGraph                                          DataplaneDriver → kernel
 * </pre>
 * Only immutable records cross the queues; each stage's mutable state stays on its thread.
 */
public final class Pipeline implements AutoCloseable {

    private static final int SYNCER_QUEUE = 64;
    private static final int DATAPLANE_QUEUE = 16;

    private final Syncer syncer;
    private final CalcLoop calc;
    private final DataplaneLoop dataplane;
    private final Thread calcThread;
    private final Thread dataplaneThread;
    private final BlockingQueue<SyncerEvent> syncerEvents = new ArrayBlockingQueue<>(SYNCER_QUEUE);

    public Pipeline(Syncer syncer, String hostname, DataplaneDriver driver, HealthAggregator health,
                    AgentMetrics metrics, InstantSource clock) {
        this.syncer = syncer;
        BlockingQueue<List<DataplaneUpdate>> batches = new ArrayBlockingQueue<>(DATAPLANE_QUEUE);
        CalculationGraph graph = CalculationGraph.create(hostname, batch -> {
            metrics.calcOutputEvents(batch.size());
            try {
                batches.put(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        this.calc = new CalcLoop(syncerEvents, graph,
                health.register("CalculationGraph", true, true, Duration.ofSeconds(30)), metrics);
        this.dataplane = new DataplaneLoop(batches, driver,
                health.register("InternalDataplaneMainLoop", true, true, Duration.ofSeconds(30)), metrics, clock);
        this.calcThread = new Thread(calc, "calc");
        this.dataplaneThread = new Thread(dataplane, "dataplane");
    }

    public void start() {
        dataplaneThread.start();
        calcThread.start();
        syncer.start(new QueueingSyncerListener(syncerEvents));
    }

    /** Stops reading and programming. The kernel keeps every rule: nothing is flushed. */
    @Override
    public void close() {
        syncer.close();
        calc.stop();
        dataplane.stop();
        calcThread.interrupt();
        dataplaneThread.interrupt();
        try {
            calcThread.join(5000);
            dataplaneThread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
