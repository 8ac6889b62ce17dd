package io.calicoj.datastore.kubernetes.bench;

import com.sun.net.httpserver.HttpServer;
import io.calicoj.datastore.kubernetes.KubeObjectMapper;
import io.calicoj.datastore.kubernetes.KubernetesClients;
import io.calicoj.kube.client.KubeHttpClient;
import io.calicoj.kube.client.KubeTrees;
import io.calicoj.kube.connection.KubeConnection;
import io.calicoj.model.k8s.KubePod;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.ref.Reference;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * What calico-felix's LIST of every pod costs on each Kubernetes client (issue 16: should the agent's
 * list/watch move from fabric8 to the lean client?). The same pod list (the realistic pods of
 * {@link BenchCluster}, 10k by default) is served over plain HTTP by a JDK server in this process, and
 * each client lists it in a JVM of its own, started with calico-felix's JVM options:
 *
 * <ul>
 *   <li>{@code fabric8}: what the agent does today ({@code KubernetesClients} with calico-felix's
 *       configuration, {@code pods().inAnyNamespace().list()}, each item slimmed by {@code KubeObjectMapper});</li>
 *   <li>{@code lean}: the lean client as it is ({@code KubeHttpClient.list}: the whole body, then the whole
 *       tree, each item slimmed by {@code KubeTrees});</li>
 *   <li>{@code lean-streaming}: a prototype of what a migration would write: the JDK client's body as a
 *       stream, each item read as a tree and slimmed as it arrives, so no whole list is ever held;</li>
 *   <li>{@code none}: the JVM and this class alone, for scale.</li>
 * </ul>
 *
 * <p>Per client: the first LIST (client creation, class loading and JIT included), the median of the
 * next ones, classes loaded and metaspace used after them, heap allocated per LIST (by the threads alive
 * at the end), heap retained by the decoded list before slimming (per pod), peak RSS, and the smallest
 * {@code -Xmx} (in steps of 4 MB) in which one LIST completes. Plain HTTP, so neither client's TLS is
 * counted (both use the same JSSE and {@code KubeTls}). Prints numbers; asserts nothing.
 *
 * <p>Run: {@code make bench BENCH=datastore-list}, or this class with the module's test class path
 * (arguments: pods, runs, and the clients, e.g. {@code 10000 5 fabric8,lean}).
 */
public final class ListBenchmark {

    /** calico-felix's JVM options (bin/calico-felix), without its heap limit: the benchmark finds one. */
    private static final List<String> FELIX_JVM = List.of("-XX:+UseSerialGC", "-Xss512k", "-XX:MaxMetaspaceSize=96m",
            "-XX:+ExitOnOutOfMemoryError");
    private static final String PATH = "/api/v1/pods";

    private ListBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("child")) {
            Child.run(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]), args[5].equals("measure"));
            return;
        }
        int pods = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<String> modes = args.length > 2 ? List.of(args[2].split(",")) : List.of("none", "fabric8", "lean", "lean-streaming");
        byte[] body = Cluster.podListJson(pods);
        System.out.printf("Calico/J: calico-felix's LIST of %d pods (%.1f MB of JSON) on each client, each in a fresh JVM"
                + " with calico-felix's options %s; plain HTTP from a JDK server in the driver; Java %s%n",
                pods, body.length / 1e6, FELIX_JVM, Runtime.version());
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(PATH, exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            System.out.printf("%-15s %9s %9s %8s %10s %12s %14s %9s %9s%n", "client", "first ms", "next ms", "classes",
                    "metaspace", "alloc/LIST", "list per pod", "peak RSS", "min -Xmx");
            for (String mode : modes) {
                Map<String, String> m = child(mode, url, pods, runs, "measure", null);
                String minHeap = mode.equals("none") ? "-" : minHeapMb(mode, url, pods) + " MB";
                System.out.printf("%-15s %9s %9s %8s %7.1f MB %9.1f MB %8s bytes %6.0f MB %9s%n", mode,
                        m.getOrDefault("firstMs", "-"), m.getOrDefault("nextMs", "-"), m.get("classes"),
                        mb(m.get("metaspace")), mb(m.getOrDefault("allocated", "0")), m.getOrDefault("retainedPerPod", "-"),
                        mb(m.get("peakRss")), minHeap);
            }
        } finally {
            server.stop(0);
        }
    }

    private static double mb(String bytes) {
        return Long.parseLong(bytes) / (1024.0 * 1024.0);
    }

    /** The smallest -Xmx, in steps of 4 MB, with which one LIST of every pod completes. */
    private static int minHeapMb(String mode, String url, int pods) throws Exception {
        int low = 4;
        int high = 1024;
        while (high - low > 4) {
            int mid = (low + high) / 8 * 4;
            if (child(mode, url, pods, 1, "fit", "-Xmx" + mid + "m") != null) {
                high = mid;
            } else {
                low = mid;
            }
        }
        return high;
    }

    /** Runs a child JVM; its {@code key=value} lines, or {@code null} when it failed (out of memory). */
    private static Map<String, String> child(String mode, String url, int pods, int runs, String what, String heap)
            throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(FELIX_JVM);
        if (heap != null) {
            cmd.add(heap);
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ListBenchmark.class.getName(), "child", mode, url,
                String.valueOf(pods), String.valueOf(runs), what));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Map<String, String> out = new LinkedHashMap<>();
        List<String> other = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                int eq = line.indexOf('=');
                if (line.startsWith("@") && eq > 0) {
                    out.put(line.substring(1, eq), line.substring(eq + 1));
                } else {
                    other.add(line);
                }
            }
        }
        int exit = p.waitFor();
        if (exit != 0) {
            if (heap == null) {
                throw new IllegalStateException(mode + " failed (exit " + exit + "): " + String.join("\n", other));
            }
            return null;
        }
        return out;
    }

    /** The pod list as the API server sends it (fabric8's model used only here, in the driver). */
    private static final class Cluster {
        static byte[] podListJson(int pods) {
            BenchCluster c = new BenchCluster(100, pods, 0, 50);
            return BenchCluster.listJson("PodList", "5", c.pods).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** One way of listing every pod. Each in a class of its own, so a child loads only its client's classes. */
    private interface Lister {
        /** The decoded list as the client gives it, before slimming. */
        Object fetch() throws Exception;

        /** Lists and slims every pod; the number of pods. */
        int list() throws Exception;
    }

    private static final class Fabric8Lister implements Lister {
        private final KubernetesClient client;

        Fabric8Lister(KubeConnection connection) {
            client = KubernetesClients.create(connection, KubernetesClients.CALICO_FELIX);
        }

        @Override
        public Object fetch() {
            return client.pods().inAnyNamespace().list(new ListOptionsBuilder().withResourceVersion("0").build());
        }

        @Override
        public int list() {
            PodList list = (PodList) fetch();
            List<KubePod> slim = new ArrayList<>(list.getItems().size());
            list.getItems().forEach(p -> slim.add(KubeObjectMapper.pod(p)));
            return slim.size();
        }
    }

    private static final class LeanLister implements Lister {
        private final KubeHttpClient client;

        LeanLister(KubeConnection connection) {
            client = KubeHttpClient.create(connection, "calico-felix/bench", Duration.ofSeconds(60));
        }

        @Override
        public Object fetch() throws Exception {
            return client.list(PATH + "?resourceVersion=0");
        }

        @Override
        public int list() throws Exception {
            @SuppressWarnings("unchecked")
            List<JsonNode> items = (List<JsonNode>) fetch();
            List<KubePod> slim = new ArrayList<>(items.size());
            items.forEach(p -> slim.add(KubeTrees.pod(p)));
            return slim.size();
        }
    }

    /** The prototype: items read one at a time from the body as it arrives. */
    private static final class StreamingLister implements Lister {
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        private final ObjectMapper mapper = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS) // the next item follows each
                .build();
        private final String url;

        StreamingLister(KubeConnection connection) {
            url = connection.server() + PATH + "?resourceVersion=0";
        }

        @Override
        public Object fetch() throws Exception {
            return list();
        }

        @Override
        public int list() throws Exception {
            HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            List<KubePod> slim = new ArrayList<>();
            try (InputStream in = r.body(); JsonParser p = mapper.createParser(in)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new IOException("not a list");
                }
                for (String name = p.nextName(); name != null; name = p.nextName()) {
                    JsonToken t = p.nextToken();
                    if (name.equals("items") && t == JsonToken.START_ARRAY) {
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            JsonNode item = mapper.readTree(p);
                            slim.add(KubeTrees.pod(item));
                        }
                    } else {
                        p.skipChildren();
                    }
                }
            }
            return slim.size();
        }
    }

    /** One client in this JVM: prints {@code @key=value} lines. */
    private static final class Child {
        static void run(String mode, String url, int pods, int runs, boolean measure) throws Exception {
            if (mode.equals("none")) {
                report();
                return;
            }
            KubeConnection connection = new KubeConnection(url, null, null, null, "bench-token", false);
            long start = System.nanoTime();
            Lister lister = switch (mode) {
                case "fabric8" -> new Fabric8Lister(connection);
                case "lean" -> new LeanLister(connection);
                case "lean-streaming" -> new StreamingLister(connection);
                default -> throw new IllegalArgumentException(mode);
            };
            check(lister.list(), pods);
            long firstMs = (System.nanoTime() - start) / 1_000_000;
            if (!measure) {
                return;
            }
            List<Long> next = new ArrayList<>();
            long allocated = 0;
            for (int i = 0; i < runs; i++) {
                long before = allocated();
                long t = System.nanoTime();
                check(lister.list(), pods);
                next.add((System.nanoTime() - t) / 1_000_000);
                allocated = allocated() - before;
            }
            next.sort(null);
            System.out.println("@firstMs=" + firstMs);
            System.out.println("@nextMs=" + next.get(next.size() / 2));
            System.out.println("@allocated=" + allocated);
            if (!mode.equals("lean-streaming")) {
                long before = Heap.usedAfterGc();
                Object list = lister.fetch();
                System.out.println("@retainedPerPod=" + (Heap.usedAfterGc() - before) / pods);
                Reference.reachabilityFence(list);
            }
            report();
        }

        private static void check(int listed, int pods) {
            if (listed != pods) {
                throw new IllegalStateException("listed " + listed + " pods, expected " + pods);
            }
        }

        private static void report() throws IOException {
            System.out.println("@classes=" + ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
            long metaspace = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getName().equals("Metaspace")) {
                    metaspace = pool.getUsage().getUsed();
                }
            }
            System.out.println("@metaspace=" + metaspace);
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    System.out.println("@peakRss=" + Long.parseLong(line.replaceAll("\\D", "")) * 1024);
                }
            }
        }

        /** Bytes allocated by the threads alive now (the HTTP clients' threads live as long as their client). */
        private static long allocated() {
            var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long sum = 0;
            for (long b : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
                sum += Math.max(0, b);
            }
            return sum;
        }
    }
}
