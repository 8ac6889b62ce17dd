package io.calicoj.cni.bench;

import io.calicoj.cni.KubeApiBridge;
import io.calicoj.cni.Sh;
import io.calicoj.cni.TestNames;
import io.calicoj.cni.install.InstallCni;
import io.calicoj.cni.plugin.CalicoCni;
import io.calicoj.cni.plugin.CalicoKubeconfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ADD and DEL latency of the calico CNI plugin as the kubelet sees it (wall clock of the whole
 * process, started in a node namespace, 50 pods by default), next to the floor: the same kernel
 * work by host-local plus {@code ip} in a shell script. Prints p50/p90/max per variant; asserts
 * nothing. Needs root, {@code socat}, {@code keytool}, host-local in /usr/lib/cni and a packaged
 * module with its class-data archives (make build).
 *
 * <p>The variants take turns pod by pod (pod 1 with every variant, then pod 2, ...), so that a
 * machine whose load changes during the run treats them alike. With {@code CNI_BENCH_BASELINE=<another
 * built tree>} that tree's plugin (Java 17 + AppCDS, Java 25 + AOT cache) runs side by side, to
 * measure what a change bought in the same run.
 *
 * <p>Usage: {@code CniBench <repo root> [pods]}.
 */
public final class CniBench {

    private static final int API_PORT = 16444;

    private final Path repo;
    private final Path work;
    private final int pods;
    private final String node;
    private final String tag;

    private CniBench(Path repo, Path work, int pods) {
        this.repo = repo;
        this.work = work;
        this.pods = pods;
        this.tag = TestNames.randomSuffix();
        this.node = "cj" + tag + "n";
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int pods = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Path work = Files.createTempDirectory("calicoj-cni-bench");
        CniBench bench = new CniBench(repo, work, pods);
        try {
            bench.run();
        } finally {
            Sh.exit("ip", "netns", "del", bench.node);
            Sh.exit("rm", "-rf", work.toString());
        }
        System.exit(0);
    }

    private void run() throws Exception {
        Sh.ok("ip", "netns", "add", node);
        Sh.ok("ip", "-n", node, "link", "set", "lo", "up");
        String opts = System.getenv().getOrDefault("CNI_BENCH_BASE_OPTS", "-XX:TieredStopAtLevel=1") + " -XX:+UseSerialGC -XX:-UsePerfData -Xlog:disable -Xlog:all=warning:stderr"
                + System.getenv().getOrDefault("CNI_BENCH_JAVA_OPTS", "");
        String j25 = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java";
        boolean has25 = Files.isExecutable(Path.of(j25));
        Path target = repo.resolve("cni/target");
        String cp = classPath(target);

        Map<String, List<String>> variants = new LinkedHashMap<>();
        variants.put("floor: host-local + ip (sh)", null);
        variants.put("installed (install-cni)", List.of(install(cp).toString()));
        if (System.getenv("CNI_BENCH_WITH_BIN_CALICO") != null) {
            variants.put("bin/calico (repo launcher)", List.of(repo.resolve("bin/calico").toString()));
        }
        // This build's launchers also use the JDK's native reflection accessors (LauncherScript.JVM_OPTIONS).
        String here = opts + " -Djdk.reflect.useNativeAccessorOnly=true" + nativeOptions(target);
        if (has25) {
            variants.put("Java 25 + AOT cache", command(j25, here + " -XX:AOTCache=" + target.resolve("calico.aot"), cp));
            // The fallback when Conscrypt's library cannot be loaded (the archive was trained with Conscrypt).
            variants.put("Java 25 + AOT, JDK's TLS", command(j25, here + " -Dcalicoj.cni.tls=jdk -XX:AOTCache="
                    + target.resolve("calico.aot"), cp));
            variants.put("Java 25, no AOT cache", command(j25, here, cp));
        }
        variants.put("Java 17 + AppCDS", command("java", here + " -XX:SharedArchiveFile=" + target.resolve("calico.jsa"), cp));
        variants.put("Java 17, no AppCDS", command("java", here, cp));
        String baseline = System.getenv("CNI_BENCH_BASELINE");
        if (baseline != null) {
            Path other = Path.of(baseline).resolve("cni/target");
            String otherCp = classPath(other);
            String there = opts + nativeOptions(other);
            if (has25) {
                variants.put("baseline: Java 25 + AOT cache", command(j25, there + " -XX:AOTCache=" + other.resolve("calico.aot"),
                        otherCp));
            }
            variants.put("baseline: Java 17 + AppCDS", command("java", there + " -XX:SharedArchiveFile=" + other.resolve("calico.jsa"),
                    otherCp));
        }

        try (FakeApiServer api = new FakeApiServer(work, "10.79.0.0/24")) {
            KubeApiBridge bridge = new KubeApiBridge(node, api.port(), API_PORT, work);
            try {
                table(variants, api);
            } finally {
                bridge.close();
            }
        }
    }

    /** As scripts/launch runs a build that ships JNI libraries (Conscrypt's, in target/native); none for a build without. */
    private static String nativeOptions(Path target) {
        Path lib = target.resolve("native");
        return Files.isDirectory(lib) ? " --enable-native-access=ALL-UNNAMED -Djava.library.path=" + lib : "";
    }

    private static String classPath(Path target) throws Exception {
        String jar;
        try (var s = Files.list(target)) {
            jar = s.map(Path::toString).filter(p -> p.matches(".*/calicoj-cni-[^/]*\\.jar") && !p.endsWith("-tests.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException(target + ": cni is not packaged: run make build"));
        }
        return jar + ":" + target.resolve("lib") + "/*";
    }

    /** One variant's numbers. */
    private static final class Numbers {
        final List<Long> add = new ArrayList<>();
        final List<Long> del = new ArrayList<>();
        final List<Long> cpu = new ArrayList<>();
    }

    private void table(Map<String, List<String>> variants, FakeApiServer api) throws Exception {
        Path kubeconfig = kubeconfig(api);
        Path floor = floorScript();
        System.out.printf(Locale.ROOT, "calico CNI plugin, %d pods per variant (variants take turns), wall ms per invocation"
                + " (load average %s)%n", pods, Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        List<String> names = new ArrayList<>(variants.keySet());
        List<Numbers> numbers = new ArrayList<>();
        List<Path> dataDirs = new ArrayList<>();
        for (int v = 0; v < names.size(); v++) {
            numbers.add(new Numbers());
            dataDirs.add(Files.createDirectories(work.resolve("ipam" + v)));
        }
        List<String> namespaces = new ArrayList<>();
        try {
            for (int i = 0; i < pods; i++) {
                for (int v = 0; v < names.size(); v++) {
                    String ns = "cj" + tag + "v" + v + "p" + i;
                    Sh.ok("ip", "netns", "add", ns);
                    namespaces.add(ns);
                    numbers.get(v).add.add(invoke("ADD", v, i, ns, variants.get(names.get(v)), floor,
                            config(kubeconfig, dataDirs.get(v), v), dataDirs.get(v), numbers.get(v).cpu));
                }
            }
            for (int i = 0; i < pods; i++) {
                for (int v = 0; v < names.size(); v++) {
                    numbers.get(v).del.add(invoke("DEL", v, i, "cj" + tag + "v" + v + "p" + i, variants.get(names.get(v)), floor,
                            config(kubeconfig, dataDirs.get(v), v), dataDirs.get(v), numbers.get(v).cpu));
                }
            }
        } finally {
            namespaces.forEach(ns -> Sh.exit("ip", "netns", "del", ns));
        }
        System.out.printf(Locale.ROOT, "%-30s %8s %8s %8s   %8s %8s %8s   %9s%n", "variant", "ADD p50", "p90", "max",
                "DEL p50", "p90", "max", "CPU p50");
        for (int v = 0; v < names.size(); v++) {
            Numbers n = numbers.get(v);
            System.out.printf(Locale.ROOT, "%-30s %8d %8d %8d   %8d %8d %8d   %9d%n", names.get(v), pct(n.add, 50), pct(n.add, 90),
                    pct(n.add, 100), pct(n.del, 50), pct(n.del, 90), pct(n.del, 100), pct(n.cpu, 50));
        }
    }

    /** Installs the plugin as install-cni does (launcher, jars, archive made in place) into a bin dir of the work dir. */
    private Path install(String cp) throws Exception {
        Path bin = Files.createDirectories(work.resolve("opt/cni/bin"));
        Path sa = Files.createDirectories(work.resolve("sa"));
        Files.writeString(sa.resolve("token"), "bench-token");
        Sh.Result r = Sh.run(List.of("java", "-cp", cp, InstallCni.class.getName()), Map.of("CNI_BIN_DIR", bin.toString(),
                "CNI_NET_DIR", work.resolve("net.d").toString(), "CALICOJ_SERVICE_ACCOUNT_DIR", sa.toString(),
                "KUBERNETES_SERVICE_HOST", "127.0.0.1", "KUBERNETES_SERVICE_PORT", "443", "SLEEP", "false"), "", true);
        if (r.exit() != 0) {
            throw new IllegalStateException("install-cni failed: " + r.stdout() + r.stderr());
        }
        return bin.resolve("calico");
    }

    private static List<String> command(String java, String opts, String cp) throws Exception {
        List<String> c = new ArrayList<>();
        c.add(java);
        c.addAll(List.of(opts.split(" ")));
        c.addAll(List.of("-cp", cp, mainClass(cp.substring(0, cp.indexOf(':')))));
        return c;
    }

    /** The plugin's main class in {@code jar}: a baseline built before the cni packages has it in io.calicoj.cni. */
    private static String mainClass(String jar) throws Exception {
        try (java.util.jar.JarFile j = new java.util.jar.JarFile(jar)) {
            return j.getEntry("io/calicoj/cni/plugin/CalicoCni.class") != null ? CalicoCni.class.getName()
                    : "io.calicoj.cni.CalicoCni";
        }
    }

    /** Variant {@code v}'s configuration: its own node name (so its own pod CIDR) and host-local data. */
    private String config(Path kubeconfig, Path dataDir, int v) {
        return """
                {"cniVersion": "0.3.1", "name": "k8s-pod-network", "type": "calico", "log_level": "%s",
                 "datastore_type": "kubernetes", "nodename": "%s", "mtu": 1440,
                 "ipam": {"type": "host-local", "subnet": "usePodCidr", "dataDir": "%s"},
                 "policy": {"type": "k8s"}, "kubernetes": {"kubeconfig": "%s"}}
                """.formatted(System.getenv().getOrDefault("CNI_BENCH_LOG_LEVEL", "info"), node + "-v" + v, dataDir, kubeconfig);
    }

    private long invoke(String command, int v, int i, String ns, List<String> plugin, Path floor, String config, Path dataDir,
                        List<Long> cpuMs) {
        String id = "bench" + tag + "v" + v + "p" + i;
        String netns = "/var/run/netns/" + ns;
        // /usr/bin/time reports the CPU the invocation used (all its processes), a steadier figure than wall time
        // on a machine whose cores are shared.
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", node, "/usr/bin/time", "-f", "cpu %e %U %S"));
        Map<String, String> env = new HashMap<>();
        if (plugin == null) {
            argv.addAll(List.of("sh", floor.toString(), command.toLowerCase(Locale.ROOT), netns, id, "calib" + v + "p" + i,
                    dataDir.toString(), "10.79." + v + ".0/24"));
        } else {
            argv.addAll(plugin);
            env.putAll(Map.of("CNI_COMMAND", command, "CNI_CONTAINERID", id, "CNI_NETNS", netns, "CNI_IFNAME", "eth0",
                    "CNI_PATH", "/usr/lib/cni", "CNI_ARGS", "IgnoreUnknown=1;K8S_POD_NAMESPACE=bench;K8S_POD_NAME=pod-" + v + "-" + i));
        }
        long startedAt = System.currentTimeMillis();
        long start = System.nanoTime();
        Sh.Result r = Sh.run(argv, env, config, true);
        long ms = (System.nanoTime() - start) / 1_000_000;
        String[] lines = r.stderr().strip().split("\n");
        String[] cpu = lines[lines.length - 1].split(" ");
        cpuMs.add(Math.round((Double.parseDouble(cpu[2]) + Double.parseDouble(cpu[3])) * 1000));
        if (r.exit() != 0) {
            throw new IllegalStateException(command + " of pod " + i + " failed: " + r.stdout() + r.stderr());
        }
        if (i == 1 && System.getenv("CNI_BENCH_SHOW_LOG") != null) {
            System.out.println(command + " of pod 1 of variant " + v + " started at " + java.time.Instant.ofEpochMilli(startedAt) + " and took " + ms
                    + " ms; its log:\n" + r.stderr());
        }
        return ms;
    }

    private static long pct(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int idx = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, idx));
    }

    /**
     * The plugin's kubeconfig as install-cni writes it in a cluster: the server by address (there,
     * {@code KUBERNETES_SERVICE_HOST}, the API service's IP), so no TLS server name is sent (a name costs a
     * fresh JVM ~10 ms of IDN tables on the way to the handshake).
     */
    private Path kubeconfig(FakeApiServer api) throws Exception {
        Path kc = work.resolve("calico-kubeconfig");
        Files.writeString(kc, CalicoKubeconfig.json("https://127.0.0.1:" + API_PORT, Files.readString(api.caPem), "bench-token"));
        return kc;
    }

    /** The kernel work of ADD/DEL without the plugin: host-local, two ip batches, three sysctls. */
    private Path floorScript() throws Exception {
        Path p = work.resolve("floor.sh");
        Files.writeString(p, """
                #!/bin/sh
                # floor.sh add|del <netns path> <container id> <host interface> <host-local data dir> <subnet>
                set -e
                conf='{"cniVersion":"0.3.1","name":"k8s-pod-network","ipam":{"type":"host-local","subnet":"'$6'","dataDir":"'$5'"}}'
                export CNI_CONTAINERID=$3 CNI_NETNS=$2 CNI_IFNAME=eth0 CNI_PATH=/usr/lib/cni
                if [ "$1" = add ]; then
                  out=$(echo "$conf" | CNI_COMMAND=ADD /usr/lib/cni/host-local)
                  ip=$(echo "$out" | sed -n 's/.*"address": "\\([0-9.]*\\)\\/.*/\\1/p')
                  printf 'link add %s mtu 1440 address ee:ee:ee:ee:ee:ee type veth peer name eth0 mtu 1440 netns %s\\nlink set %s up\\nroute add %s/32 dev %s scope link\\n' \\
                    "$4" "$2" "$4" "$ip" "$4" | ip -batch -
                  echo 1 > /proc/sys/net/ipv4/conf/$4/proxy_arp
                  echo 0 > /proc/sys/net/ipv4/neigh/$4/proxy_delay
                  echo 1 > /proc/sys/net/ipv4/conf/$4/forwarding
                  printf 'link set eth0 up\\nroute add 169.254.1.1 dev eth0 scope link\\naddr add %s/32 dev eth0\\nroute add default via 169.254.1.1 dev eth0\\nlink show dev eth0\\n' \\
                    "$ip" | nsenter --net="$2" ip -o -batch - >/dev/null
                  echo "$out"
                else
                  echo "$conf" | CNI_COMMAND=DEL /usr/lib/cni/host-local
                  nsenter --net="$2" ip link del eth0 2>/dev/null || true
                fi
                """);
        return p;
    }
}
