package io.calicoj.sandbox.cluster;

import io.calicoj.exec.CommandFailedException;
import io.calicoj.exec.CommandResult;
import io.calicoj.exec.CommandRunner;
import io.calicoj.exec.ProcessCommandRunner;
import io.calicoj.sandbox.api.ApiServer;
import io.calicoj.sandbox.api.Kubeconfigs;
import io.calicoj.sandbox.net.Netns;
import io.calicoj.sandbox.net.Topology;
import io.calicoj.sandbox.pod.PodAgentClient;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running sandbox: nodes as network namespaces, the Kubernetes API stand-in, a {@code calico-felix}
 * inside every node namespace with {@code DATASTORE_TYPE=kubernetes}, and a kubelet that runs pods
 * with the real {@code calico} CNI plugin. {@link #close()} removes everything it created.
 */
public final class SandboxCluster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SandboxCluster.class);

    /**
     * @param nodes        how many nodes
     * @param policyAgents start {@code calico-felix} on every node (off: plain networking, no policy)
     * @param felixEnv     extra environment for every calico-felix
     */
    public record Options(int nodes, boolean policyAgents, Map<String, String> felixEnv, Duration readyTimeout) {
        public Options {
            felixEnv = Map.copyOf(felixEnv);
        }

        public static Options defaults(int nodes) {
            return new Options(nodes, true, Map.of(), Duration.ofSeconds(90));
        }
    }

    private final SandboxDir dir;
    private final Path home;
    private final Netns netns;
    private final SandboxProcesses processes;
    private final List<Topology.NodeNet> nodes;
    private final Options options;
    private final ApiServer api;
    private final UnixSocketBridge bridge;
    private final KubernetesClient client;
    private final Kubelet kubelet;
    private volatile SandboxState state;

    private SandboxCluster(SandboxDir dir, Path home, Netns netns, SandboxProcesses processes, Options options,
                           List<Topology.NodeNet> nodes, ApiServer api, UnixSocketBridge bridge, KubernetesClient client,
                           Kubelet kubelet, SandboxState state) {
        this.dir = dir;
        this.home = home;
        this.netns = netns;
        this.processes = processes;
        this.options = options;
        this.nodes = nodes;
        this.api = api;
        this.bridge = bridge;
        this.client = client;
        this.kubelet = kubelet;
        this.state = state;
    }

    /** Brings a sandbox up in {@code dir} (which must not hold a running sandbox). */
    public static SandboxCluster start(SandboxDir dir, Options options) throws IOException, CommandFailedException {
        requireRoot();
        if (Files.exists(dir.state())) {
            throw new IllegalStateException("a sandbox already exists in " + dir.root()
                    + ": run 'calico-sandbox down' first (with CALICO_SANDBOX_DIR=" + dir.root() + " if you set it)");
        }
        Path home = Home.locate();
        String prefix = "cj" + randomSuffix();
        Files.createDirectories(dir.logs());
        SandboxState state = new SandboxState(prefix, options.nodes(), 0, Map.of());
        state.write(dir.state());
        CommandRunner runner = new ProcessCommandRunner(Duration.ofMinutes(2));
        Netns netns = new Netns(runner);
        SandboxProcesses processes = new SandboxProcesses(dir.root().toString());
        Topology topology = new Topology(netns, prefix);
        ApiServer api = null;
        UnixSocketBridge bridge = null;
        try {
            List<Topology.NodeNet> nodes = topology.create(options.nodes());
            api = ApiServer.start(0);
            state = state.withApiPort(api.port());
            state.write(dir.state());
            Files.writeString(dir.kubeconfig(), Kubeconfigs.forServer(api.url()));
            bridge = new UnixSocketBridge(dir.apiSocket(), api.port());
            KubernetesClient client = api.client();
            registerCluster(client, nodes);
            prepareCni(dir);
            for (Topology.NodeNet n : nodes) {
                Files.createDirectories(dir.nodeDir(n.name()));
                Files.writeString(dir.nodeKubeconfig(n.name()), Kubeconfigs.forServer("http://127.0.0.1:6443"));
                long pid = processes.start(n.netns(), List.of("socat",
                                "TCP-LISTEN:6443,bind=127.0.0.1,fork,reuseaddr", "UNIX-CONNECT:" + dir.apiSocket()),
                        Map.of(), dir.log("api-bridge-" + n.name()));
                state = state.withProcess("api-bridge/" + n.name(), pid);
                state.write(dir.state());
            }
            Kubelet kubelet = new Kubelet(client, dir, prefix, nodes, netns, processes, home);
            SandboxCluster cluster = new SandboxCluster(dir, home, netns, processes, options, nodes, api, bridge, client,
                    kubelet, state);
            if (options.policyAgents()) {
                cluster.startFelixes();
            }
            kubelet.start();
            if (options.policyAgents()) {
                cluster.awaitFelixReady(options.readyTimeout());
            }
            return cluster;
        } catch (IOException | CommandFailedException | RuntimeException e) {
            log.error("sandbox start failed, cleaning up: {}", e.getMessage());
            if (bridge != null) {
                bridge.close();
            }
            if (api != null) {
                api.close();
            }
            destroy(dir);
            throw e;
        }
    }

    private static void requireRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:") && !line.split("\\s+")[1].equals("0")) {
                    throw new IllegalStateException("calico-sandbox needs root (it creates network namespaces and "
                            + "programs iptables inside them): run it with sudo or as root");
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot check whether we run as root: " + e.getMessage(), e);
        }
    }

    private static String randomSuffix() {
        String chars = "abcdefghijklmnopqrstuvwxyz0123456789";
        SecureRandom r = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            sb.append(chars.charAt(r.nextInt(chars.length())));
        }
        return sb.toString();
    }

    private static void registerCluster(KubernetesClient client, List<Topology.NodeNet> nodes) {
        for (String ns : List.of("default", "kube-system")) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
        }
        for (Topology.NodeNet n : nodes) {
            client.nodes().resource(new NodeBuilder()
                    .withNewMetadata().withName(n.name())
                    .addToLabels("kubernetes.io/hostname", n.name()).addToLabels("kubernetes.io/os", "linux").endMetadata()
                    .withNewSpec().withPodCIDR(n.podCidr()).withPodCIDRs(n.podCidr()).endSpec()
                    .withNewStatus().addNewAddress().withType("InternalIP").withAddress(n.address()).endAddress()
                    .addNewAddress().withType("Hostname").withAddress(n.name()).endAddress()
                    .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
                    .build()).create();
        }
    }

    /** CNI_PATH for the plugin: the IPAM plugin it delegates to (the real host-local). */
    private static void prepareCni(SandboxDir dir) throws IOException {
        Files.createDirectories(dir.cniBin());
        Path hostLocal = Path.of("/usr/lib/cni/host-local");
        if (!Files.isExecutable(hostLocal)) {
            throw new IOException("/usr/lib/cni/host-local is missing: install containernetworking-plugins (make setup)");
        }
        Files.createSymbolicLink(dir.cniBin().resolve("host-local"), hostLocal);
    }

    private void startFelixes() throws IOException {
        for (Topology.NodeNet n : nodes) {
            startFelix(n.name());
        }
    }

    /** Starts calico-felix in the node's namespace (again, after {@link #killFelix}). */
    public synchronized void startFelix(String node) throws IOException {
        Path felix = home.resolve("bin/calico-felix");
        if (!Files.isExecutable(felix)) {
            throw new IOException(felix + " is missing: run 'make build'");
        }
        Topology.NodeNet n = node(node);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DATASTORE_TYPE", "kubernetes");
        env.put("KUBECONFIG", dir.nodeKubeconfig(n.name()).toString());
        env.put("FELIX_FELIXHOSTNAME", n.name());
        env.put("FELIX_HEALTHENABLED", "true");
        env.put("FELIX_HEALTHHOST", "127.0.0.1");
        env.put("FELIX_DEFAULTENDPOINTTOHOSTACTION", "ACCEPT");
        env.put("FELIX_IPV6SUPPORT", "false");
        env.put("FELIX_LOGSEVERITYSCREEN", "info");
        env.put("FELIX_ENDPOINTSTATUSPATHPREFIX", dir.nodeVarRunCalico(n.name()).toString());
        env.putAll(options.felixEnv());
        long pid = processes.start(n.netns(), List.of(felix.toString()), env, dir.log("felix-" + n.name()));
        state = state.withProcess("felix/" + n.name(), pid);
        state.write(dir.state());
    }

    /** {@code kill -9} of the node's calico-felix (its rules stay in the kernel). */
    public synchronized void killFelix(String node) throws IOException {
        Long pid = state.processes().get("felix/" + node);
        if (pid != null) {
            ProcessHandle.of(pid).ifPresent(h -> {
                h.destroyForcibly();
                h.onExit().join();
            });
            state = state.withoutProcess("felix/" + node);
            state.write(dir.state());
        }
    }

    private Topology.NodeNet node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + name));
    }

    /** Runs a command in the node's namespace (iptables-save, ipset list, …). */
    public CommandResult execOnNode(String node, List<String> argv) throws CommandFailedException {
        return netns.exec(node(node).netns(), argv);
    }

    /** Waits until every node's calico-felix answers {@code /readiness} with 204. */
    public void awaitFelixReady(Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        for (Topology.NodeNet n : nodes) {
            while (!felixReady(n)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IOException("calico-felix on " + n.name() + " is not ready after " + timeout.toSeconds()
                            + " s (log: " + dir.log("felix-" + n.name()) + ")");
                }
                Long pid = state.processes().get("felix/" + n.name());
                if (pid != null && ProcessHandle.of(pid).isEmpty()) {
                    throw new IOException("calico-felix on " + n.name() + " exited (log: " + dir.log("felix-" + n.name()) + ")");
                }
                sleep(200);
            }
        }
    }

    /** Whether calico-felix on the node reports ready (204 on 127.0.0.1:9099/readiness inside the node). */
    public boolean felixReady(Topology.NodeNet n) {
        return new FelixReadiness(new ProcessCommandRunner(Duration.ofSeconds(5))).isReady(n.netns());
    }

    public KubernetesClient client() {
        return client;
    }

    public ApiServer api() {
        return api;
    }

    public List<Topology.NodeNet> nodes() {
        return List.copyOf(nodes);
    }

    public SandboxDir dir() {
        return dir;
    }

    public String prefix() {
        return state.prefix();
    }

    /** The pod's agent, for probing from inside the pod. */
    public PodAgentClient agent(String namespace, String pod) {
        return new PodAgentClient(dir.podSocket(namespace, pod));
    }

    /** The pods the kubelet runs, by {@code namespace/name}: node, network namespace, IP. */
    public Map<String, PodInfo> pods() {
        Map<String, PodInfo> out = new LinkedHashMap<>();
        kubelet.running().forEach((k, r) -> out.put(k, new PodInfo(r.namespace(), r.name(), r.node(), r.netns(), r.ip())));
        return out;
    }

    /** A running pod as the sandbox sees it. */
    public record PodInfo(String namespace, String name, String node, String netns, String ip) {
    }

    @Override
    public void close() throws IOException {
        kubelet.close();
        for (Map.Entry<String, Long> p : state.processes().entrySet()) {
            processes.stop(p.getValue(), Duration.ofSeconds(5));
        }
        client.close();
        bridge.close();
        api.close();
        destroy(dir);
    }

    /**
     * Removes everything a sandbox in {@code dir} created, also when the process that created it
     * is gone: its processes, every namespace with its prefix (nodes, underlay, pods, and with them
     * their links, routes, iptables rules and ipsets), and the directory.
     *
     * @return what was removed, for the user
     */
    public static List<String> destroy(SandboxDir dir) throws IOException {
        List<String> removed = new ArrayList<>();
        SandboxProcesses processes = new SandboxProcesses(dir.root().toString());
        SandboxState state = Files.exists(dir.state()) ? SandboxState.read(dir.state()) : null;
        List<Long> pids = new ArrayList<>(processes.findOurs());
        if (state != null) {
            state.pids().stream().filter(p -> !pids.contains(p)).forEach(pids::add);
        }
        for (long pid : pids) {
            if (processes.isOurs(pid)) {
                processes.stop(pid, Duration.ofSeconds(5));
                removed.add("process " + pid);
            }
        }
        if (state != null) {
            Netns netns = new Netns(new ProcessCommandRunner(Duration.ofMinutes(1)));
            try {
                for (String ns : netns.list()) {
                    if (ns.startsWith(state.prefix() + "-")) {
                        netns.deleteIfPresent(ns);
                        removed.add("namespace " + ns);
                    }
                }
            } catch (CommandFailedException e) {
                throw new IOException("cannot remove namespaces: " + e.getMessage(), e);
            }
        }
        if (Files.exists(dir.root())) {
            try (Stream<Path> files = Files.walk(dir.root())) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
            removed.add("directory " + dir.root());
        }
        return removed;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
