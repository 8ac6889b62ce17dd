package io.calicoj.sandbox.conformance;

import io.calicoj.model.IpAddress;
import io.calicoj.model.Protocol;
import io.calicoj.sandbox.cluster.SandboxCluster;
import io.calicoj.sandbox.pod.PodAgentClient;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fills a reachability matrix with real packets: every source pod's agent connects to every
 * destination, all cells in parallel, each with a short timeout.
 */
public final class Prober implements AutoCloseable {

    private static final int TIMEOUT_MS = 400;

    private final SandboxCluster cluster;
    private final ExecutorService pool = Executors.newFixedThreadPool(24, r -> {
        Thread t = new Thread(r, "prober");
        t.setDaemon(true);
        return t;
    });

    public Prober(SandboxCluster cluster) {
        this.cluster = cluster;
    }

    public ReachabilityMatrix measure(Set<PodRef> from, Set<PodRef> to, Map<PodRef, IpAddress> ips, int port,
                                      Protocol protocol) throws InterruptedException {
        Map<PodRef, Map<PodRef, Future<Boolean>>> futures = new TreeMap<>();
        for (PodRef src : from) {
            PodAgentClient agent = cluster.agent(src.namespace(), src.name());
            Map<PodRef, Future<Boolean>> row = new TreeMap<>();
            for (PodRef dst : to) {
                String ip = Objects.requireNonNull(ips.get(dst), "no IP for " + dst).toString();
                row.put(dst, pool.submit(() -> agent.probe(ip, port, protocol.name(), TIMEOUT_MS).connected()));
            }
            futures.put(src, row);
        }
        Map<PodRef, Map<PodRef, Boolean>> cells = new TreeMap<>();
        for (Map.Entry<PodRef, Map<PodRef, Future<Boolean>>> row : futures.entrySet()) {
            Map<PodRef, Boolean> r = new TreeMap<>();
            for (Map.Entry<PodRef, Future<Boolean>> cell : row.getValue().entrySet()) {
                try {
                    r.put(cell.getKey(), cell.getValue().get());
                } catch (ExecutionException e) {
                    r.put(cell.getKey(), false);
                }
            }
            cells.put(row.getKey(), r);
        }
        return new ReachabilityMatrix(cells);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
