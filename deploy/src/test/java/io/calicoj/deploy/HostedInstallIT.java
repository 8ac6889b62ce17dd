package io.calicoj.deploy;

import static io.calicoj.deploy.Waits.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.exec.Command;
import io.calicoj.exec.CommandResult;
import io.calicoj.exec.ProcessCommandRunner;
import io.calicoj.sandbox.cluster.SandboxCluster;
import io.calicoj.sandbox.cluster.SandboxDir;
import io.calicoj.sandbox.net.Topology;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The hosted install against what the code really calls. A two-node sandbox runs calico-felix with the
 * DaemonSet's settings and pods through the real CNI plugin; install-cni installs the plugin and the
 * ConfigMap's network configuration as the DaemonSet would, and that plugin adds and removes a pod;
 * calicoctl reads everything it can show. Every API request is recorded, told apart by User-Agent
 * ({@code calico-felix/}, {@code calico-cni/}, {@code calicoctl/}; the sandbox's own kubelet and this
 * test use fabric8's), and mapped to the (group, resource, verb) RBAC authorizes. The roles in
 * calico.yaml and calicoctl.yaml must allow every one of them, and grant nothing that was not used.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostedInstallIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** What Kubernetes' default system:discovery and system:public-info-viewer roles let everyone GET. */
    private static final ClusterRole DISCOVERY = new ClusterRoleBuilder().addNewRule()
            .withNonResourceURLs("/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/readyz", "/version", "/version/",
                    "/openapi", "/openapi/*")
            .withVerbs("get").endRule().build();

    /** One request as the API server saw it. */
    record Recorded(String userAgent, String method, String target) {
        String program() {
            int slash = userAgent.indexOf('/');
            return slash < 0 ? userAgent : userAgent.substring(0, slash);
        }

        ApiCall call() {
            return ApiCall.of(method, target);
        }
    }

    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final ProcessCommandRunner runner = new ProcessCommandRunner(Duration.ofMinutes(3));
    private List<HasMetadata> install;
    private SandboxCluster cluster;
    private KubernetesClient k;
    private Path work;
    private String podNetns;
    private final List<String> notes = new ArrayList<>();

    @BeforeAll
    void runTheClusterAndRecordEveryRequest() throws Exception {
        install = Manifests.load(Manifests.calicoYaml());
        work = Files.createTempDirectory("cj-deploy-it-");
        Path root = work.resolve("sandbox");
        cluster = SandboxCluster.start(new SandboxDir(root), new SandboxCluster.Options(2, true, felixEnv(),
                Duration.ofSeconds(120)));
        cluster.api().observe(r -> requests.add(new Recorded(String.valueOf(r.getHeader("User-Agent")), r.getMethod(),
                r.getPath())));
        k = cluster.client();
        // The sandbox started felix before anyone could listen: restart both, so that their start-up
        // (the list and watch of every type) is recorded too.
        for (Topology.NodeNet n : cluster.nodes()) {
            cluster.killFelix(n.name());
            cluster.startFelix(n.name());
        }
        cluster.awaitFelixReady(Duration.ofSeconds(90));

        clusterLife();
        installCniAndRunThePluginAsTheDaemonSetWould();
        calicoctlReadsEverything();
        // The watches of the restarted felixes stay open; everything was seen.
        printRecording();
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (podNetns != null) {
                runner.run(Command.of("ip", "netns", "delete", podNetns));
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
            if (work != null) {
                try (var files = Files.walk(work)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    /** calico-felix runs with the DaemonSet's literal settings (its node name comes from the sandbox). */
    private Map<String, String> felixEnv() {
        Container c = Manifests.container(Manifests.one(install, DaemonSet.class, "calico-node"), "calico-node");
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar e : c.getEnv()) {
            if (e.getValueFrom() == null) {
                env.put(e.getName(), e.getValue());
            }
        }
        return env;
    }

    // ---- what happens in the cluster ----

    private void clusterLife() throws Exception {
        namespace("shop", Map.of("team", "a"));
        namespace("tools", Map.of("team", "b"));
        pod("shop", "web", Map.of("app", "web"), "node-1");
        pod("shop", "db", Map.of("app", "db"), "node-2");
        pod("tools", "client", Map.of("role", "client"), null);
        await("three pods running", () -> cluster.pods().size() == 3, Duration.ofSeconds(120));

        policy(new NetworkPolicyBuilder().withNewMetadata().withNamespace("shop").withName("web-from-tools").endMetadata()
                .withNewSpec().withPodSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("app", "web")).build())
                .addNewIngress().addNewFrom().withNamespaceSelector(new LabelSelectorBuilder()
                        .withMatchLabels(Map.of("team", "b")).build()).endFrom().endIngress().endSpec().build());
        policy(new NetworkPolicyBuilder().withNewMetadata().withNamespace("shop").withName("db-from-web").endMetadata()
                .withNewSpec().withPodSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("app", "db")).build())
                .addNewIngress().addNewFrom().withPodSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("app", "web"))
                        .build()).endFrom().addNewPort().withProtocol("TCP").withPort(new IntOrString(5432)).endPort()
                .endIngress().endSpec().build());
        policy(new NetworkPolicyBuilder().withNewMetadata().withNamespace("tools").withName("no-egress").endMetadata()
                .withNewSpec().withPodSelector(new LabelSelectorBuilder().build()).withPolicyTypes("Egress").endSpec().build());
        await("felix on node-1 renders the web policy", () -> policyChains("node-1") > 0, Duration.ofSeconds(30));
        await("felix on node-2 renders the db policy", () -> policyChains("node-2") > 0, Duration.ofSeconds(30));

        k.pods().inNamespace("tools").withName("client").edit(p -> new PodBuilder(p).editMetadata()
                .addToLabels("role", "other").endMetadata().build());
        k.namespaces().withName("tools").edit(n -> new NamespaceBuilder(n).editMetadata().addToLabels("team", "c").endMetadata()
                .build());
        k.nodes().withName("node-2").edit(n -> {
            n.getMetadata().getLabels().put("zone", "b");
            return n;
        });
        policy(new NetworkPolicyBuilder().withNewMetadata().withNamespace("shop").withName("web-from-tools").endMetadata()
                .withNewSpec().withPodSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("app", "web")).build())
                .addNewIngress().addNewFrom().withNamespaceSelector(new LabelSelectorBuilder()
                        .withMatchLabels(Map.of("team", "c")).build()).endFrom().endIngress().endSpec().build());
        k.network().v1().networkPolicies().inNamespace("tools").withName("no-egress").delete();

        k.pods().inNamespace("shop").withName("db").delete();
        await("db torn down by CNI DEL", () -> !cluster.pods().containsKey("shop/db"), Duration.ofSeconds(60));
        await("felix on node-2 drops the db policy", () -> policyChains("node-2") == 0, Duration.ofSeconds(30));
    }

    private void namespace(String name, Map<String, String> labels) {
        k.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata().build())
                .create();
    }

    private void pod(String namespace, String name, Map<String, String> labels, String node) {
        k.pods().resource(new PodBuilder().withNewMetadata().withNamespace(namespace).withName(name).withLabels(labels)
                .endMetadata().withNewSpec().withNodeName(node).addNewContainer().withName("c").withImage("none").addNewPort()
                .withContainerPort(80).withProtocol("TCP").endPort().endContainer().endSpec().build()).create();
    }

    private void policy(NetworkPolicy np) {
        k.resource(np).createOr(NonDeletingOperation::update);
    }

    private int policyChains(String node) {
        try {
            String save = cluster.execOnNode(node, List.of("iptables-save", "-t", "filter")).stdout();
            return (int) save.lines().filter(l -> l.startsWith(":cali-pi-")).count();
        } catch (Exception e) {
            return -1;
        }
    }

    // ---- install-cni and the plugin, as the DaemonSet sets them up ----

    /**
     * install-cni with the DaemonSet's environment (the ConfigMap's network configuration and MTU, the
     * node's name) into host-like directories; then the plugin it installed, with the configuration it
     * wrote, adds and removes a pod on node-2 the way a kubelet would (the conflist's plugin entry with
     * the list's name and cniVersion, CNI_* variables), against the sandbox's API server.
     */
    private void installCniAndRunThePluginAsTheDaemonSetWould() throws Exception {
        ConfigMap cm = Manifests.one(install, ConfigMap.class, "calico-config");
        Container installCni = Manifests.container(Manifests.one(install, DaemonSet.class, "calico-node"), "install-cni");
        Topology.NodeNet node2 = cluster.nodes().get(1);
        Path bin = Files.createDirectories(work.resolve("host/opt/cni/bin"));
        Path net = Files.createDirectories(work.resolve("host/etc/cni/net.d"));
        Path sa = Files.createDirectories(work.resolve("serviceaccount"));
        String token = "deploy-it-" + HexFormat.of().formatHex(random(16));
        Files.writeString(sa.resolve("token"), token);

        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar e : installCni.getEnv()) {
            if (e.getValueFrom() == null) {
                env.put(e.getName(), e.getValue());
            } else if (e.getValueFrom().getConfigMapKeyRef() != null) {
                assertThat(e.getValueFrom().getConfigMapKeyRef().getName()).isEqualTo("calico-config");
                env.put(e.getName(), cm.getData().get(e.getValueFrom().getConfigMapKeyRef().getKey()));
            } else if ("spec.nodeName".equals(e.getValueFrom().getFieldRef().getFieldPath())) {
                env.put(e.getName(), node2.name());
            }
        }
        env.putAll(Map.of("CNI_BIN_DIR", bin.toString(), "CNI_NET_DIR", net.toString(), "SLEEP", "false",
                "KUBERNETES_SERVICE_HOST", "127.0.0.1", "KUBERNETES_SERVICE_PORT", "6443", "KUBERNETES_SERVICE_PROTOCOL", "http",
                "CALICOJ_SERVICE_ACCOUNT_DIR", sa.toString(),
                "CALICOJ_CNI_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        CommandResult installed = runner.run(new Command(List.of(Manifests.root().resolve("bin/install-cni").toString()), "", env));
        assertThat(installed.exitCode()).as(installed.stdout() + installed.stderr()).isZero();
        assertThat(installed.stdout() + installed.stderr()).as("install-cni's output").doesNotContain(token);
        Path conflist = net.resolve(env.get("CNI_CONF_NAME"));
        Path kubeconfig = net.resolve("calico-kubeconfig");
        for (Path f : List.of(conflist, kubeconfig)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString()).isEqualTo("rw-------");
        }
        assertThat(Files.readString(conflist)).doesNotContain(token);
        assertThat(Files.readString(kubeconfig)).contains(token);

        // What a kubelet hands the first plugin of the list.
        JsonNode list = JSON.readTree(Files.readString(conflist));
        ObjectNode conf = ((ObjectNode) list.path("plugins").path(0)).deepCopy();
        conf.put("name", list.path("name").asString());
        conf.put("cniVersion", list.path("cniVersion").asString());
        assertThat(conf.path("nodename").asString()).isEqualTo(node2.name());
        assertThat(conf.path("kubernetes").path("kubeconfig").asString()).isEqualTo(kubeconfig.toString());

        // A pod the sandbox's kubelet leaves alone (its node is none of the sandbox's).
        namespace("deploy-cni", Map.of());
        k.pods().resource(new PodBuilder().withNewMetadata().withNamespace("deploy-cni").withName("manual").endMetadata()
                .withNewSpec().withNodeName("not-a-sandbox-node").addNewContainer().withName("c").withImage("none").endContainer()
                .endSpec().build()).create();
        podNetns = cluster.prefix() + "-deploy-pod";
        runner.run(Command.of("ip", "netns", "add", podNetns));
        // host-local's default data directory, private to these runs, with addresses from .201 on: the
        // sandbox's kubelet allocates node-2's from .2 in its own directory.
        Path ipam = Files.createDirectories(work.resolve("ipam/networks").resolve(list.path("name").asString()));
        String base = node2.podCidr().substring(0, node2.podCidr().lastIndexOf('.'));
        Files.writeString(ipam.resolve("last_reserved_ip.0"), base + ".200");

        String containerId = "deploy" + HexFormat.of().formatHex(random(8));
        CommandResult add = plugin("ADD", conf, containerId, bin, node2);
        assertThat(add.exitCode()).as(add.stdout() + add.stderr()).isZero();
        String address = JSON.readTree(add.stdout()).path("ips").path(0).path("address").asString();
        assertThat(address).isEqualTo(base + ".201/32");
        assertThat(k.pods().inNamespace("deploy-cni").withName("manual").get().getMetadata().getAnnotations())
                .containsEntry("cni.projectcalico.org/podIP", address).containsEntry("cni.projectcalico.org/containerID", containerId);

        CommandResult del = plugin("DEL", conf, containerId, bin, node2);
        assertThat(del.exitCode()).as(del.stdout() + del.stderr()).isZero();
        assertThat(k.pods().inNamespace("deploy-cni").withName("manual").get().getMetadata().getAnnotations())
                .containsEntry("cni.projectcalico.org/podIP", "");
        notes.add("install-cni + plugin ADD/DEL with the ConfigMap's configuration: " + address);
    }

    /** The installed plugin in node-2's namespace, host-local's data in our directory (a private mount). */
    private CommandResult plugin(String command, ObjectNode conf, String containerId, Path bin, Topology.NodeNet node)
            throws Exception {
        String script = "mount -t tmpfs tmpfs /var/lib && mkdir -p /var/lib/cni && mount --bind \"$1\" /var/lib/cni"
                + " && exec ip netns exec \"$2\" \"$3\"";
        Map<String, String> env = Map.of(
                "CNI_COMMAND", command,
                "CNI_CONTAINERID", containerId,
                "CNI_NETNS", "/var/run/netns/" + podNetns,
                "CNI_IFNAME", "eth0",
                "CNI_ARGS", "IgnoreUnknown=1;K8S_POD_NAMESPACE=deploy-cni;K8S_POD_NAME=manual;K8S_POD_INFRA_CONTAINER_ID=" + containerId,
                "CNI_PATH", "/usr/lib/cni");
        return runner.run(new Command(List.of("unshare", "-m", "--propagation", "private", "sh", "-c", script, "plugin",
                work.resolve("ipam").toString(), node.netns(), bin.resolve("calico").toString()), JSON.writeValueAsString(conf), env));
    }

    // ---- calicoctl ----

    private void calicoctlReadsEverything() throws Exception {
        Map<String, String> env = Map.of("DATASTORE_TYPE", "kubernetes", "KUBECONFIG", cluster.dir().kubeconfig().toString());
        List<List<String>> commands = List.of(
                List.of("get", "workloadendpoints"),
                List.of("get", "workloadendpoints", "-n", "shop", "-o", "wide"),
                List.of("get", "workloadendpoint", "node--1-k8s-web-eth0", "-n", "shop", "-o", "yaml"),
                List.of("get", "profiles"),
                List.of("get", "profile", "kns.shop", "-o", "yaml"),
                List.of("get", "networkpolicies", "--all-namespaces"),
                List.of("get", "networkpolicy", "knp.default.web-from-tools", "-n", "shop", "-o", "yaml"),
                List.of("get", "nodes"),
                List.of("get", "node", "node-1", "-o", "yaml"));
        for (List<String> args : commands) {
            List<String> argv = new ArrayList<>(List.of(Manifests.root().resolve("bin/calicoctl").toString()));
            argv.addAll(args);
            argv.addAll(List.of("-c", work.resolve("absent.cfg").toString()));
            CommandResult r = runner.run(new Command(argv, "", env));
            assertThat(r.exitCode()).as("calicoctl " + String.join(" ", args) + ": " + r.stdout() + r.stderr()).isZero();
        }
    }

    // ---- the checks ----

    private List<ApiCall> callsOf(String... programs) {
        Set<String> p = Set.of(programs);
        return requests.stream().filter(r -> p.contains(r.program())).map(Recorded::call).distinct().toList();
    }

    private void printRecording() {
        Map<String, Long> counts = new TreeMap<>(requests.stream().collect(Collectors.groupingBy(
                r -> String.format("%-14s %s", r.program(), r.call()), Collectors.counting())));
        System.out.println("User-Agents: " + requests.stream().map(Recorded::userAgent).distinct().sorted().toList());
        System.out.println("API requests by program (distinct calls, count):");
        counts.forEach((k, v) -> System.out.printf("  %s  x%d%n", k, v));
        notes.forEach(n -> System.out.println("  " + n));
    }

    @Test
    void felixTheCniPluginAndCalicoctlAllSpokeAndWereToldApart() {
        assertThat(callsOf("calico-felix")).contains(ApiCall.resource("", "pods", "watch"),
                ApiCall.resource("networking.k8s.io", "networkpolicies", "list"));
        assertThat(callsOf("calico-cni")).contains(ApiCall.resource("", "nodes", "get"), ApiCall.resource("", "pods", "patch"));
        assertThat(callsOf("calicoctl")).contains(ApiCall.resource("", "pods", "list"));
        assertThat(requests).as("the sandbox's own requests carry fabric8's agent")
                .anySatisfy(r -> assertThat(r.userAgent()).startsWith("fabric8-kubernetes-client/"));
    }

    @Test
    void theCalicoNodeRoleAllowsEveryCallOfFelixAndTheCniPlugin() {
        RoleRules role = new RoleRules(Manifests.one(install, ClusterRole.class, "calico-node"));
        RoleRules discovery = new RoleRules(DISCOVERY);
        assertThat(callsOf("calico-felix", "calico-cni"))
                .allSatisfy(c -> assertThat(c.isResource() ? role.allows(c) : discovery.allows(c))
                        .as("allowed: " + c).isTrue());
    }

    @Test
    void everyGrantOfTheCalicoNodeRoleWasUsed() {
        RoleRules role = new RoleRules(Manifests.one(install, ClusterRole.class, "calico-node"));
        assertThat(callsOf("calico-felix", "calico-cni")).containsAll(role.grants());
    }

    @Test
    void theOnlyWriteIsTheCniPluginsPatchOfItsPod() {
        assertThat(callsOf("calico-felix")).noneMatch(ApiCall::isWrite);
        assertThat(callsOf("calico-cni").stream().filter(ApiCall::isWrite))
                .containsExactly(ApiCall.resource("", "pods", "patch"));
    }

    @Test
    void theCalicoctlRoleAllowsExactlyWhatCalicoctlReads() {
        List<HasMetadata> ctl;
        try {
            ctl = Manifests.load(Manifests.calicoctlYaml());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        RoleRules role = new RoleRules(Manifests.one(ctl, ClusterRole.class, "calicoctl"));
        RoleRules discovery = new RoleRules(DISCOVERY);
        List<ApiCall> calls = callsOf("calicoctl");
        assertThat(calls).allSatisfy(c -> assertThat(c.isResource() ? role.allows(c) : discovery.allows(c))
                .as("allowed: " + c).isTrue());
        assertThat(calls).containsAll(role.grants());
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }

}
