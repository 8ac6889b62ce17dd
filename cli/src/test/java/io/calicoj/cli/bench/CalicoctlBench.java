package io.calicoj.cli.bench;

import io.calicoj.cli.MockKubernetes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark: wall time of {@code bin/calicoctl get workloadendpoints} (a fresh process each run)
 * against a Kubernetes API (fabric8's mock server, in this JVM) holding {@code pods} pods. Prints
 * the median (and min/max) over {@code runs} runs after {@code warmup} unmeasured ones, for the
 * launcher as shipped (newest JDK, class-data archive) and, for comparison, JDK 17 with its
 * AppCDS archive and both JDKs without any archive. Nothing is asserted.
 *
 * <pre>
 *   java -cp … io.calicoj.cli.bench.CalicoctlBench [pods=1000] [runs=20] [warmup=3]
 * </pre>
 * Run from the repository root (or pass {@code -Dcalicoj.root=…}); needs {@code make build}
 * (jar, target/lib and the archives).
 */
public final class CalicoctlBench {

    private static final String JDK25 = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java";
    private static final String FAST_START = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xss1m -Xlog:cds*=off";

    private CalicoctlBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>(Map.of("pods", "1000", "runs", "20", "warmup", "3"));
        for (String a : args) {
            String[] kv = a.split("=", 2);
            opts.put(kv[0], kv[1]);
        }
        int pods = Integer.parseInt(opts.get("pods"));
        int runs = Integer.parseInt(opts.get("runs"));
        int warmup = Integer.parseInt(opts.get("warmup"));
        Path root = root();
        Path target = root.resolve("cli/target");
        Path dir = Files.createTempDirectory("calicoctl-bench");
        try (MockKubernetes api = MockKubernetes.start()) {
            long t0 = System.nanoTime();
            populate(api, pods);
            System.out.printf("API server %s: %d pods in 10 namespaces on 10 nodes (created in %d ms)%n", api.url(), pods,
                    (System.nanoTime() - t0) / 1_000_000);
            Map<String, String> env = new HashMap<>(System.getenv());
            env.remove("CALICOJ_JAVA");
            env.remove("CALICOJ_JAVA_OPTS");
            env.put("DATASTORE_TYPE", "kubernetes");
            env.put("KUBECONFIG", api.kubeconfig(dir, "bench-token").toString());
            String calicoctl = root.resolve("bin/calicoctl").toString();
            String[] get = {"get", "workloadendpoints", "-c", dir.resolve("none.cfg").toString()};

            check(run(concat(List.of(calicoctl), get), env, true), pods);
            System.out.printf("calicoctl get workloadendpoints: %d runs after %d warm-up runs; wall time per process"
                    + " (load average %s)%n", runs, warmup, loadAverage());
            if (Files.isExecutable(Path.of("/usr/bin/curl"))) {
                // The floor: what the API server itself takes to answer calicoctl's one list (no JVM at all).
                measure("floor: curl GET /api/v1/pods (the API server's answer alone)", List.of("/usr/bin/curl", "-sf",
                        "-o", "/dev/null", "-H", "Authorization: Bearer bench-token", api.url() + "/api/v1/pods"),
                        env, runs, warmup);
            }
            measure("bin/calicoctl as shipped (" + describe(launcherJava(), target, true) + ")",
                    concat(List.of(calicoctl), get), env, runs, warmup);
            Map<String, String> env17 = new HashMap<>(env);
            env17.put("CALICOJ_JAVA", "java");
            measure("bin/calicoctl with CALICOJ_JAVA=java (" + describe("java", target, true) + ")",
                    concat(List.of(calicoctl), get), env17, runs, warmup);
            String cp = target.resolve(jarName(target)) + ":" + target.resolve("lib") + "/*";
            for (String java : new String[] {JDK25, "java"}) {
                if (!java.equals("java") && !Files.isExecutable(Path.of(java))) {
                    continue;
                }
                List<String> cmd = new ArrayList<>(List.of(java));
                cmd.addAll(Arrays.asList(FAST_START.split(" ")));
                cmd.addAll(List.of("-Xshare:auto", "-cp", cp, "io.calicoj.cli.Calicoctl"));
                cmd.addAll(Arrays.asList(get));
                measure(describe(java, target, false) + ", same options, no application archive", cmd, env, runs, warmup);
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
        System.exit(0);
    }

    private static void populate(MockKubernetes api, int pods) {
        for (int n = 0; n < 10; n++) {
            api.namespace("ns" + n, Map.of("team", "t" + n));
            api.node("node-" + n, "10.240.0." + (n + 10), "10.244." + n + ".0/24");
            api.networkPolicy("ns" + n, "allow-frontend", "db", 5432);
        }
        for (int i = 0; i < pods; i++) {
            api.pod("ns" + (i % 10), "pod-" + i, "node-" + (i % 10), "10.244." + (i % 10) + "." + (i / 10 + 2),
                    Map.of("app", "app" + (i % 7), "role", i % 3 == 0 ? "db" : "frontend"));
        }
    }

    private static void measure(String label, List<String> command, Map<String, String> env, int runs, int warmup)
            throws IOException, InterruptedException {
        for (int i = 0; i < warmup; i++) {
            run(command, env, false);
        }
        long[] ms = new long[runs];
        long[] cpu = new long[runs];
        for (int i = 0; i < runs; i++) {
            Run r = run(command, env, false);
            ms[i] = r.millis;
            cpu[i] = r.cpuMillis;
        }
        System.out.printf("  %-74s median %4d ms  (min %4d, max %4d; CPU median %4d ms)%n", label, median(ms), ms[0],
                ms[runs - 1], median(cpu));
    }

    /** Sorts {@code values} and returns their median. */
    private static long median(long[] values) {
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    /** @param cpuMillis user + system CPU time of the process and its children, or -1 when unknown */
    private record Run(int status, String out, long millis, long cpuMillis) {
    }

    private static final Path TIME = Path.of("/usr/bin/time");

    private static Run run(List<String> command, Map<String, String> env, boolean capture)
            throws IOException, InterruptedException {
        Path cpuFile = null;
        if (!capture && Files.isExecutable(TIME)) {
            cpuFile = Files.createTempFile("calicoctl-bench", ".time");
            List<String> timed = new ArrayList<>(List.of(TIME.toString(), "-f", "%U %S", "-o", cpuFile.toString()));
            timed.addAll(command);
            command = timed;
        }
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        if (!capture) {
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        long start = System.nanoTime();
        Process p = pb.start();
        String out = capture ? new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8) : "";
        int status = p.waitFor();
        long millis = (System.nanoTime() - start) / 1_000_000;
        long cpu = -1;
        if (cpuFile != null) {
            String[] t = Files.readString(cpuFile).trim().split("\\s+");
            cpu = Math.round((Double.parseDouble(t[t.length - 2]) + Double.parseDouble(t[t.length - 1])) * 1000);
            Files.delete(cpuFile);
        }
        return new Run(status, out, millis, cpu);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void check(Run r, int pods) {
        long lines = r.out.lines().count();
        if (r.status != 0 || lines != pods + 2) {
            throw new IllegalStateException("calicoctl did not list " + pods + " endpoints (exit " + r.status + ", "
                    + lines + " lines):\n" + r.out.lines().limit(10).reduce("", (a, b) -> a + b + "\n"));
        }
    }

    /** The JDK bin/calicoctl runs: scripts/launch --newest-jdk. */
    private static String launcherJava() {
        for (String j : new String[] {JDK25, "/usr/lib/jvm/java-25-openjdk-amd64/bin/java",
            "/usr/lib/jvm/java-21-openjdk-amd64/bin/java"}) {
            if (Files.isExecutable(Path.of(j))) {
                return j;
            }
        }
        return "java";
    }

    private static String describe(String java, Path target, boolean archive) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        String version = text.replaceAll("(?s).*version \"([^\"]+)\".*", "$1");
        int major = Integer.parseInt(version.split("[.-]")[0]);
        String jdk = "JDK " + version;
        if (!archive) {
            return jdk;
        }
        Path file = target.resolve(major >= 25 ? "calicoctl.aot" : "calicoctl.jsa");
        if (!Files.exists(file)) {
            return jdk + ", no archive built";
        }
        if (stale(file, target)) {
            return jdk + ", archive older than the jars: not used";
        }
        return jdk + (major >= 25 ? ", AOT cache" : ", AppCDS archive");
    }

    /** bin/calicoctl's rule: an archive older than any jar is not used. */
    private static boolean stale(Path archive, Path target) throws IOException {
        var made = Files.getLastModifiedTime(archive);
        try (var files = Files.walk(target, 2)) {
            return files.filter(p -> p.toString().endsWith(".jar")).anyMatch(p -> {
                try {
                    return Files.getLastModifiedTime(p).compareTo(made) > 0;
                } catch (IOException e) {
                    return true;
                }
            });
        }
    }

    private static String jarName(Path target) throws IOException {
        try (var files = Files.list(target)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("calicoj-cli") && n.endsWith(".jar") && !n.contains("-tests"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("cli is not built: run make build"));
        }
    }

    private static Path root() {
        Path p = Path.of(System.getProperty("calicoj.root", "")).toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("bin/calicoctl"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("run from the repository (bin/calicoctl not found)");
        }
        return p;
    }

    private static List<String> concat(List<String> a, String[] b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(Arrays.asList(b));
        return out;
    }
}
