package io.calicoj.calc.bench;

import io.calicoj.calc.CalculationGraph;
import io.calicoj.dataplane.api.DataplaneUpdate;
import io.calicoj.dataplane.api.IpSetDeltaUpdate;
import io.calicoj.dataplane.api.IpSetUpdate;
import io.calicoj.datastore.Deletion;
import io.calicoj.datastore.SyncStatus;
import io.calicoj.datastore.Update;
import io.calicoj.datastore.Upsert;
import io.calicoj.model.ResourceKind;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * Cost of the calculation graph at cluster scale, printed, nothing asserted. Default scale:
 * 10,000 pods in 100 namespaces on 100 nodes (100 local), 1,000 Kubernetes NetworkPolicies.
 *
 * <ul>
 * <li>cold start: every resource (shuffled, in batches of 500) through {@code onUpdates}, then
 *     IN_SYNC and the first flush; the first run is on a cold JVM, then the median of the others;</li>
 * <li>single changes on the synced graph: the calc time ({@code onUpdates} plus {@code flush})
 *     and the messages of one change, as medians over repetitions after as many warm-up ones.
 *     Each change alternates forth and back; both directions are reported.</li>
 * </ul>
 * Times are wall clock and, since the machine may be shared, also the thread's CPU time.
 *
 * <p>Options: {@code --namespaces=100 --pods-per-namespace=100 --policies-per-namespace=10
 * --nodes=100 --cold-runs=5 --repetitions=400 --order=shuffled|policies-first|endpoints-first}.
 */
public final class CalcGraphBenchmark {

    /** A change to measure: the update for repetition {@code i} (even: forth, odd: back). */
    private record Change(String name, IntFunction<Update> update) {
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final List<String> ORDERS = List.of("shuffled", "policies-first", "endpoints-first");

    private final SyntheticCluster cluster;
    private final int coldRuns;
    private final int repetitions;
    private final String order;
    private List<DataplaneUpdate> lastBatch = List.of();

    private CalcGraphBenchmark(SyntheticCluster cluster, int coldRuns, int repetitions, String order) {
        this.cluster = cluster;
        this.coldRuns = coldRuns;
        this.repetitions = repetitions;
        this.order = order;
    }

    public static void main(String[] args) {
        Map<String, Integer> opts = new HashMap<>(Map.of("namespaces", 100, "pods-per-namespace", 100,
                "policies-per-namespace", 10, "nodes", 100, "cold-runs", 5, "repetitions", 400));
        String order = "shuffled";
        for (String a : args) {
            String[] kv = a.replaceFirst("^--", "").split("=", 2);
            if (kv.length == 2 && kv[0].equals("order") && ORDERS.contains(kv[1])) {
                order = kv[1];
                continue;
            }
            if (kv.length != 2 || !opts.containsKey(kv[0])) {
                throw new IllegalArgumentException("unknown option " + a + "; options: " + opts.keySet()
                        + ", order=" + String.join("|", ORDERS));
            }
            opts.put(kv[0], Integer.parseInt(kv[1]));
        }
        SyntheticCluster cluster = new SyntheticCluster(opts.get("namespaces"), opts.get("pods-per-namespace"),
                opts.get("policies-per-namespace"), opts.get("nodes"));
        new CalcGraphBenchmark(cluster, opts.get("cold-runs"), Math.max(2, opts.get("repetitions")), order).run();
    }

    private void run() {
        System.out.printf(Locale.ROOT, "calc graph benchmark: %,d pods, %,d namespaces, %,d policies, %,d nodes"
                        + " (%,d local pods on %s); Java %s, %d CPUs%n", cluster.pods(), cluster.namespaces,
                cluster.policies(), cluster.nodes, cluster.pods() / cluster.nodes, SyntheticCluster.LOCAL_NODE,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        List<Update> all = new ArrayList<>(cluster.allUpdates(42));
        if (!order.equals("shuffled")) {
            boolean policiesFirst = order.equals("policies-first");
            all.sort(Comparator.comparingInt(u -> u.key().kind() == ResourceKind.WORKLOAD_ENDPOINT == policiesFirst ? 1 : 0));
        }
        System.out.println("update order: " + order);
        CalculationGraph graph = coldStarts(all);
        System.gc();
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "heap in use after cold start (after GC): %,d MiB%n",
                (rt.totalMemory() - rt.freeMemory()) >> 20);
        for (Change change : changes()) {
            measure(graph, change);
        }
    }

    private CalculationGraph coldStarts(List<Update> all) {
        CalculationGraph graph = null;
        double[] wall = new double[coldRuns];
        double[] cpu = new double[coldRuns];
        for (int run = 0; run < coldRuns; run++) {
            graph = CalculationGraph.create(SyntheticCluster.LOCAL_NODE, batch -> lastBatch = batch);
            long c0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            for (int i = 0; i < all.size(); i += 500) {
                graph.onUpdates(all.subList(i, Math.min(all.size(), i + 500)));
            }
            long t1 = System.nanoTime();
            graph.onStatusUpdated(SyncStatus.IN_SYNC);
            graph.flush();
            long t2 = System.nanoTime();
            wall[run] = (t2 - t0) / 1e6;
            cpu[run] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6;
            System.out.printf(Locale.ROOT, "cold start run %d: %,.0f ms wall (updates %,.0f + in-sync flush %,.0f),"
                    + " %,.0f ms CPU; %,d messages%n", run + 1, wall[run], (t1 - t0) / 1e6, (t2 - t1) / 1e6,
                    cpu[run], lastBatch.size());
        }
        System.out.printf(Locale.ROOT, "cold start: first run (cold JVM) %,.0f ms wall / %,.0f ms CPU;"
                        + " median of the other runs %,.0f ms wall / %,.0f ms CPU%n", wall[0], cpu[0],
                median(rest(wall)), median(rest(cpu)));
        System.out.println("  in-sync batch: " + breakdown(lastBatch));
        return graph;
    }

    private List<Change> changes() {
        int n = 7;
        int remoteJ = 5;
        int localJ = (cluster.nodes - n % cluster.nodes) % cluster.nodes; // (n + j) % nodes == 0
        int newJ = cluster.podsPerNamespace + 1;
        String remoteNode = "node-" + ((n + remoteJ) % cluster.nodes);
        String local = SyntheticCluster.LOCAL_NODE;
        return List.of(
                new Change("pod add on another node (back: delete)", i -> i % 2 == 0
                        ? Upsert.of(cluster.pod(n, newJ, "app-1", "node-3"))
                        : new Deletion(cluster.pod(n, newJ, "app-1", "node-3").key())),
                new Change("pod add on this node (back: delete)", i -> i % 2 == 0
                        ? Upsert.of(cluster.pod(n, newJ + 1, "app-1", local))
                        : new Deletion(cluster.pod(n, newJ + 1, "app-1", local).key())),
                new Change("pod label change on another node", i -> Upsert.of(
                        cluster.pod(n, remoteJ, i % 2 == 0 ? "app-1" : "app-" + (remoteJ % 10), remoteNode))),
                new Change("pod label change on this node", i -> Upsert.of(
                        cluster.pod(n, localJ, i % 2 == 0 ? "app-1" : "app-" + (localJ % 10), local))),
                new Change("namespace label change (env prod->dev)", i -> Upsert.of(
                        cluster.namespace(9, i % 2 == 0 ? "dev" : "prod"))),
                new Change("policy change (ports of an active policy)", i -> Upsert.of(
                        cluster.policy(n, localJ % 10, i % 2 == 0 ? 1 : 0))));
    }

    private void measure(CalculationGraph graph, Change change) {
        for (int i = 0; i < repetitions; i++) {
            apply(graph, change.update().apply(i));
        }
        double[] wall = new double[repetitions];
        double[] cpu = new double[repetitions];
        double[] messages = new double[repetitions];
        String forthBatch = "";
        for (int i = 0; i < repetitions; i++) {
            lastBatch = List.of();
            Update u = change.update().apply(i);
            long c0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            apply(graph, u);
            wall[i] = (System.nanoTime() - t0) / 1e3;
            cpu[i] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e3;
            messages[i] = lastBatch.size();
            if (i == 0) {
                forthBatch = breakdown(lastBatch);
            }
        }
        System.out.printf(Locale.ROOT, "%-42s median %6.1f µs wall (forth %6.1f, back %6.1f), %6.1f µs CPU,"
                        + " p90 %7.1f µs wall; messages forth %.0f, back %.0f%n", change.name(), median(wall),
                median(everyOther(wall, 0)), median(everyOther(wall, 1)), median(cpu), percentile(wall, 0.9),
                median(everyOther(messages, 0)), median(everyOther(messages, 1)));
        System.out.println("  forth: " + forthBatch);
    }

    private static void apply(CalculationGraph graph, Update u) {
        graph.onUpdates(List.of(u));
        graph.flush();
    }

    /** Message counts by type, e.g. {@code IpSetDeltaUpdate=1 (+33/-0 members)}. */
    private static String breakdown(List<DataplaneUpdate> batch) {
        Map<String, Integer> byType = new TreeMap<>();
        int added = 0;
        int removed = 0;
        int full = 0;
        for (DataplaneUpdate m : batch) {
            byType.merge(m.getClass().getSimpleName(), 1, Integer::sum);
            if (m instanceof IpSetDeltaUpdate d) {
                added += d.added().size();
                removed += d.removed().size();
            } else if (m instanceof IpSetUpdate u) {
                full += u.members().size();
            }
        }
        return byType.isEmpty() ? "(nothing)" : byType + String.format(Locale.ROOT,
                "; members: %,d in new sets, +%d/-%d in deltas", full, added, removed);
    }

    private static double[] rest(double[] xs) {
        return xs.length > 1 ? Arrays.copyOfRange(xs, 1, xs.length) : xs;
    }

    private static double[] everyOther(double[] xs, int offset) {
        double[] out = new double[(xs.length - offset + 1) / 2];
        for (int i = offset, k = 0; i < xs.length; i += 2, k++) {
            out[k] = xs[i];
        }
        return out;
    }

    private static double median(double[] xs) {
        return percentile(xs, 0.5);
    }

    private static double percentile(double[] xs, double p) {
        if (xs.length == 0) {
            return 0;
        }
        double[] sorted = xs.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * (sorted.length - 1) + 0.5))];
    }
}
