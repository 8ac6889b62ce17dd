package io.calicoj.datastore.kubernetes.bench;

import io.calicoj.datastore.SyncStatus;
import io.calicoj.datastore.SyncerListener;
import io.calicoj.datastore.Update;
import io.calicoj.datastore.kubernetes.KubeObjectMapper;
import io.calicoj.datastore.kubernetes.KubernetesSyncer;
import io.calicoj.datastore.kubernetes.SyncerOptions;
import io.calicoj.datastore.kubernetes.SyncerStateProbe;
import io.calicoj.kube.connection.KubeConnection;
import io.calicoj.model.k8s.KubePod;
import io.calicoj.model.k8s.PodConverter;
import io.calicoj.model.k8s.WorkloadEndpointNames;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.internal.MockDispatcher;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Heap per cached pod and start-to-IN_SYNC time of {@link KubernetesSyncer} for a realistic
 * cluster (10k pods, 1k policies, 100 namespaces, 50 nodes by default). Prints numbers; asserts
 * nothing.
 *
 * <p>Heap: the syncer's pod cache filled by the syncer's own code, measured as used heap after
 * full collections (Serial GC) with no server or client running, median of three, next to an
 * estimate from the records' layout and, for scale, what whole fabric8 pods, slim {@code KubePod}
 * records and converted endpoints retain. Time: from creating the syncer (and its client) to
 * IN_SYNC with every update delivered, the lists served by fabric8's mock API server; the first
 * run includes class loading and JIT warm-up.
 *
 * <p>Run: {@code mvn -q -B -pl datastore-kubernetes -am -Pbench -DskipTests process-test-classes}
 * (arguments: pods policies namespaces nodes runs).
 */
public final class SyncerBenchmark {

    private SyncerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int pods = arg(args, 0, 10_000);
        int policies = arg(args, 1, 1_000);
        int namespaces = arg(args, 2, 100);
        int nodes = arg(args, 3, 50);
        int runs = arg(args, 4, 5);
        System.out.printf("Calico/J Kubernetes syncer benchmark: %d pods, %d policies, %d namespaces, %d nodes;"
                + " fabric8 mock API server (scripted lists, idle watches), JDK HTTP client, Java %s%n",
                pods, policies, namespaces, nodes, Runtime.version());
        BenchCluster cluster = new BenchCluster(namespaces, pods, policies, nodes);

        // Heap first, while no server, client or watch allocates in the background.
        List<String> podJson = cluster.pods.stream().map(BenchCluster::json).toList();
        System.out.printf("retained heap per cached pod, measured (the syncer's pod cache, filled by its own code): %d bytes%n",
                retainedPerPod(podJson.size(), () -> podCache(podJson)));
        System.out.printf("retained heap per cached pod, estimated from the syncer's records: %d bytes%n",
                estimatedStatePerPod(cluster.pods));
        System.out.printf("for comparison, retained heap per pod: fabric8 Pod %d bytes (from %d bytes of JSON),"
                        + " slim KubePod record %d bytes, converted WorkloadEndpoint %d bytes%n",
                retainedPerPod(podJson.size(), () -> each(podJson, j -> BenchCluster.parse(j, Pod.class))),
                podJson.stream().mapToLong(String::length).sum() / podJson.size(),
                retainedPerPod(podJson.size(), () -> each(podJson, j -> KubeObjectMapper.pod(BenchCluster.parse(j, Pod.class)))),
                retainedPerPod(podJson.size(), () -> each(podJson, j -> new PodConverter("cali")
                        .toWorkloadEndpoint(KubeObjectMapper.pod(BenchCluster.parse(j, Pod.class))).orElseThrow())));

        KubernetesMockServer server = serve(cluster);
        try {
            int expected = pods + policies + namespaces + nodes;
            List<Long> millis = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                millis.add(timeToInSync(server, expected));
            }
            List<Long> warm = new ArrayList<>(millis.subList(1, millis.size()));
            warm.sort(null);
            System.out.printf("start -> IN_SYNC (new client, 4 lists, all updates delivered): first (cold JVM) %d ms;"
                            + " then %s ms; median of warm runs %d ms%n",
                    millis.get(0), millis.subList(1, millis.size()), warm.isEmpty() ? millis.get(0) : warm.get(warm.size() / 2));
        } finally {
            server.destroy();
        }
    }

    private static int arg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }

    /** A scripted mock serving the cluster's lists and idle watches. */
    private static KubernetesMockServer serve(BenchCluster cluster) {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new MockDispatcher(responses), false);
        server.init();
        expect(server, "/api/v1/pods", "PodList", cluster.pods);
        expect(server, "/api/v1/namespaces", "NamespaceList", cluster.namespaces);
        expect(server, "/apis/networking.k8s.io/v1/networkpolicies", "NetworkPolicyList", cluster.policies);
        expect(server, "/api/v1/nodes", "NodeList", cluster.nodes);
        return server;
    }

    private static void expect(KubernetesMockServer server, String path, String kind, List<? extends HasMetadata> items) {
        server.expect().get().withPath(path + "?resourceVersion=0").andReturn(200, BenchCluster.listJson(kind, "5", items))
                .always();
        server.expect().get().withPath(path + "?allowWatchBookmarks=true&resourceVersion=5&watch=true")
                .andUpgradeToWebSocket().open().expect("never").andEmit("unused").once().done().always();
    }

    private static KubeConnection connection(KubernetesMockServer server) {
        String url = server.url("/");
        return new KubeConnection(url.substring(0, url.length() - 1), null, null, null, "bench-token", false);
    }

    /** Counts updates and waits for IN_SYNC. */
    private static final class CountingListener implements SyncerListener {
        final CountDownLatch inSync = new CountDownLatch(1);
        final AtomicInteger updates = new AtomicInteger();

        @Override
        public void onStatusUpdated(SyncStatus status) {
            if (status == SyncStatus.IN_SYNC) {
                inSync.countDown();
            }
        }

        @Override
        public void onUpdates(List<Update> batch) {
            updates.addAndGet(batch.size());
        }

        void await(int expected) throws InterruptedException {
            if (!inSync.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("not in sync after 5 minutes");
            }
            if (updates.get() != expected) {
                throw new IllegalStateException("expected " + expected + " updates, got " + updates.get());
            }
        }
    }

    private static long timeToInSync(KubernetesMockServer server, int expected) throws InterruptedException {
        long start = System.nanoTime();
        try (KubernetesSyncer syncer = KubernetesSyncer.create(connection(server), SyncerOptions.defaults("cali"))) {
            CountingListener listener = new CountingListener();
            syncer.start(listener);
            listener.await(expected);
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        }
    }

    /** The syncer's pod cache after listing the pods (made from JSON, then dropped: the cache shares their names). */
    private static Object podCache(List<String> json) {
        return SyncerStateProbe.podCacheAfterListing(
                each(json, j -> KubeObjectMapper.pod(BenchCluster.parse(j, Pod.class))), "cali");
    }

    private static <T> List<T> each(List<String> inputs, Function<String, T> make) {
        List<T> out = new ArrayList<>(inputs.size());
        for (String in : inputs) {
            out.add(make.apply(in));
        }
        return out;
    }

    /**
     * Heap retained per pod by what {@code make} builds: after a warm-up (caches that are made
     * once), three are built and all kept, the heap measured after each, and the median growth
     * divided by the pod count.
     */
    private static long retainedPerPod(int pods, java.util.function.Supplier<Object> make) {
        make.get();
        List<Object> kept = new ArrayList<>();
        List<Long> growth = new ArrayList<>();
        long previous = Heap.usedAfterGc();
        for (int i = 0; i < 3; i++) {
            kept.add(make.get());
            long used = Heap.usedAfterGc();
            growth.add(used - previous);
            previous = used;
        }
        Reference.reachabilityFence(kept);
        growth.sort(null);
        return growth.get(1) / pods;
    }

    /**
     * The syncer's records per pod, summed with the usual 64-bit layout (compressed pointers:
     * 12-byte headers, 4-byte references, 8-byte alignment; Latin-1 strings): a HashMap entry and
     * its table slot, the ObjectId (namespace shared), the pod name, the Sent record (key and
     * fingerprint) and its ResourceKey with the endpoint name.
     */
    private static long estimatedStatePerPod(List<Pod> pods) {
        long total = 0;
        for (Pod p : pods) {
            String name = p.getMetadata().getName();
            String wep = WorkloadEndpointNames.forPod(p.getSpec().getNodeName(), name);
            total += 32 + 8 // HashMap.Node, table slot (load factor 0.75, power-of-two table)
                    + 24 + string(name) // ObjectId(namespace, name)
                    + 32 // Sent(key, two longs)
                    + 24 + string(wep); // ResourceKey(kind, namespace, name)
        }
        return total / pods.size();
    }

    private static long string(String s) {
        return 24 + align(16 + s.length());
    }

    private static long align(long n) {
        return (n + 7) / 8 * 8;
    }
}
