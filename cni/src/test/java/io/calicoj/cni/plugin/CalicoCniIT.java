package io.calicoj.cni.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.cni.KubeApiBridge;
import io.calicoj.cni.Sh;
import io.calicoj.cni.TestNames;
import io.calicoj.json.JsonTrees;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The plugin driven as the kubelet drives it: a separate process in a "node" network namespace,
 * {@code CNI_*} variables, the configuration on stdin, a pod namespace, the real host-local (its
 * data under a temp dir) and fabric8's mock API server (HTTPS, CRUD) holding the Node and Pods.
 */
class CalicoCniIT {

    private static final int API_PORT = 16443;

    private static KubernetesMockServer server;
    private static KubernetesClient client;
    private static KubeApiBridge bridge;
    private static String node;
    private static String suffix;
    private static int octet;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private Path dataDir;
    private Path kubeconfig;

    @BeforeAll
    static void apiServerAndNode() throws Exception {
        suffix = TestNames.randomSuffix();
        octet = 1 + new SecureRandom().nextInt(250);
        node = "cj" + suffix + "n";
        Sh.ok("ip", "netns", "add", node);
        Sh.ok("ip", "-n", node, "link", "set", "lo", "up");
        // The node needs a route to 169.254.1.1 through another interface to answer the pod's ARP for it.
        // (No dummy interfaces in this kernel: a veth pair inside the node stands in for its uplink.)
        Sh.ok("ip", "-n", node, "link", "add", "up0", "type", "veth", "peer", "name", "up1");
        Sh.ok("ip", "-n", node, "addr", "add", "192.0.2.1/32", "dev", "up0");
        Sh.ok("ip", "-n", node, "link", "set", "up0", "up");
        Sh.ok("ip", "-n", node, "link", "set", "up1", "up");
        Sh.ok("ip", "-n", node, "route", "add", "default", "dev", "up0");

        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses), true);
        server.init();
        client = server.createClient();
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(node).endMetadata()
                .withNewSpec().withPodCIDR("10.77." + octet + ".0/24").endSpec().build()).create();
        bridge = new KubeApiBridge(node, server.getPort(), API_PORT, shared);
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.destroy();
        }
        if (node != null) {
            Sh.exit("ip", "netns", "del", node);
        }
    }

    @BeforeEach
    void hostLocalAndKubeconfig() throws IOException {
        dataDir = dir.resolve("host-local");
        kubeconfig = dir.resolve("calico-kubeconfig");
        // The mock's certificate is its own; the TLS checks themselves are JdkKubeApiContract's.
        Files.writeString(kubeconfig, CalicoKubeconfig.json("https://127.0.0.1:" + API_PORT, "", "cni-test-token"));
    }

    @AfterEach
    void cleanUp() {
        processes.forEach(Process::destroyForcibly);
        for (String ns : namespaces) {
            Sh.exit("ip", "netns", "del", ns);
        }
        for (String link : links(node)) {
            if (link.startsWith("cali")) {
                Sh.exit("ip", "-n", node, "link", "del", link);
            }
        }
    }

    private String podNamespace(String tag) {
        String ns = "cj" + suffix + tag;
        Sh.ok("ip", "netns", "add", ns);
        namespaces.add(ns);
        return ns;
    }

    private Pod pod(String name) {
        return client.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName(name)
                .withNamespace("default").endMetadata().withNewSpec().withNodeName(node).endSpec().build()).create();
    }

    private Map<String, String> annotations(String pod) {
        Map<String, String> a = client.pods().inNamespace("default").withName(pod).get().getMetadata().getAnnotations();
        return a == null ? Map.of() : a;
    }

    private String config(String cniVersion) {
        return """
                {"cniVersion": "%s", "name": "k8s-pod-network", "type": "calico", "log_level": "debug",
                 "datastore_type": "kubernetes", "nodename": "%s", "mtu": 1400,
                 "ipam": {"type": "host-local", "subnet": "usePodCidr", "dataDir": "%s"},
                 "policy": {"type": "k8s"},
                 "kubernetes": {"kubeconfig": "%s"}}
                """.formatted(cniVersion, node, dataDir, kubeconfig);
    }

    private Sh.Result cni(String command, String containerId, String netns, String pod, String config, String cniPath) {
        Map<String, String> env = new HashMap<>();
        env.put("CNI_COMMAND", command);
        env.put("CNI_CONTAINERID", containerId);
        env.put("CNI_NETNS", netns);
        env.put("CNI_IFNAME", "eth0");
        env.put("CNI_PATH", cniPath);
        env.put("CNI_ARGS", "IgnoreUnknown=1;K8S_POD_NAMESPACE=default;K8S_POD_NAME=" + pod
                + ";K8S_POD_INFRA_CONTAINER_ID=" + containerId);
        return Sh.run(plugin(), env, config, true);
    }

    /** The plugin in the node namespace, as the launchers run it (Conscrypt's library on java.library.path). */
    private List<String> plugin() {
        return List.of("ip", "netns", "exec", node, "java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "--enable-native-access=ALL-UNNAMED", "-Djava.library.path=" + System.getProperty("calicoj.cni.native"),
                "-cp", System.getProperty("calicoj.cni.jar") + ":" + System.getProperty("calicoj.cni.lib") + "/*",
                "io.calicoj.cni.plugin.CalicoCni");
    }

    private Sh.Result cni(String command, String containerId, String netns, String pod, String config) {
        return cni(command, containerId, netns, pod, config, "/usr/lib/cni");
    }

    private static JsonNode json(String s) {
        return JsonTrees.parse(s);
    }

    private static List<String> links(String ns) {
        List<String> names = new ArrayList<>();
        for (String line : Sh.ok("ip", "-n", ns, "-o", "link", "show").split("\n")) {
            String[] f = line.split(": ");
            if (f.length > 1) {
                names.add(f[1].split("@")[0]);
            }
        }
        return names;
    }

    private List<String> reservations() throws IOException {
        Path net = dataDir.resolve("k8s-pod-network");
        if (!Files.isDirectory(net)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(net)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("lock") && !n.startsWith("last_reserved_ip"))
                    .toList();
        }
    }

    private void assertNothingLeftFor(String podNs, String pod) throws IOException {
        assertThat(links(node)).as("links in the node namespace").containsExactlyInAnyOrder("lo", "up0", "up1");
        assertThat(Sh.ok("ip", "-n", node, "route", "show")).as("node routes").doesNotContain("10.77.");
        assertThat(links(podNs)).as("links in the pod namespace").containsExactly("lo");
        assertThat(reservations()).as("host-local reservations").isEmpty();
        assertThat(annotations(pod).getOrDefault(PodNetwork.ANNOTATION_POD_IP, "")).as("pod IP annotation").isEmpty();
        assertThat(annotations(pod).getOrDefault(PodNetwork.ANNOTATION_POD_IPS, "")).as("pod IPs annotation").isEmpty();
    }

    /** After a failed ADD not even an empty annotation may be there. */
    private void assertNothingLeftAfterFailedAdd(String podNs, String pod) throws IOException {
        assertNothingLeftFor(podNs, pod);
        assertThat(annotations(pod)).as("pod annotations").isEmpty();
    }

    private boolean tcpReachable(String podNs, String ip) throws Exception {
        processes.add(new ProcessBuilder("ip", "netns", "exec", podNs, "nc", "-l", "8080")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        for (int i = 0; i < 50; i++) {
            if (Sh.exit("ip", "netns", "exec", node, "nc", "-z", "-w", "2", ip, "8080") == 0) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    @Test
    void addMakesThePodReachableFromItsNodeCheckPassesAndDelLeavesNothingTwice() throws Exception {
        String podNs = podNamespace("p1");
        pod("web-" + suffix);
        String netns = "/var/run/netns/" + podNs;

        Sh.Result add = cni("ADD", "ctr1" + suffix, netns, "web-" + suffix, config("1.0.0"));

        assertThat(add.exit()).as(add.stdout() + add.stderr()).isZero();
        assertThat(add.stderr()).as("TLS by the shipped native library").contains("TLS to the API server: BoringSSL (Conscrypt");
        JsonNode result = json(add.stdout());
        String address = result.path("ips").path(0).path("address").asString();
        assertThat(address).startsWith("10.77." + octet + ".").endsWith("/32");
        String ip = address.substring(0, address.indexOf('/'));
        String host = io.calicoj.model.k8s.VethNames.hostInterfaceName("default", "web-" + suffix);
        assertThat(result.path("interfaces").path(0).path("name").asString()).isEqualTo(host);
        assertThat(links(node)).contains(host);
        assertThat(Sh.ok("ip", "-n", node, "route", "show", ip)).contains("dev " + host + " scope link");
        assertThat(Sh.ok("ip", "-n", podNs, "-o", "addr", "show", "dev", "eth0")).contains("inet " + ip + "/32");
        assertThat(Sh.ok("ip", "-n", podNs, "route", "show")).contains("default via 169.254.1.1 dev eth0");
        assertThat(Sh.ok("ip", "-n", node, "-o", "link", "show", host)).contains("mtu 1400").contains("ee:ee:ee:ee:ee:ee");
        assertThat(Sh.ok("ip", "netns", "exec", node, "cat", "/proc/sys/net/ipv4/conf/" + host + "/proxy_arp").strip())
                .isEqualTo("1");
        assertThat(annotations("web-" + suffix)).containsEntry(PodNetwork.ANNOTATION_POD_IP, address)
                .containsEntry(PodNetwork.ANNOTATION_POD_IPS, address)
                .containsEntry(PodNetwork.ANNOTATION_CONTAINER_ID, "ctr1" + suffix);
        assertThat(reservations()).containsExactly(ip);
        assertThat(tcpReachable(podNs, ip)).as("TCP from the node to the pod").isTrue();

        String check = config("1.0.0").replaceFirst("\\{", "{\"prevResult\": " + add.stdout().strip() + ",");
        Sh.Result checked = cni("CHECK", "ctr1" + suffix, netns, "web-" + suffix, check);
        assertThat(checked.exit()).as(checked.stdout() + checked.stderr()).isZero();
        Sh.ok("ip", "-n", node, "route", "del", ip + "/32");
        Sh.Result broken = cni("CHECK", "ctr1" + suffix, netns, "web-" + suffix, check);
        assertThat(json(broken.stdout()).path("code").asInt()).as("CHECK without the host route").isEqualTo(CniException.CHECK_FAILED);
        assertThat(json(broken.stdout()).path("msg").asString()).isEqualTo("no route to " + ip + "/32 via " + host);

        Sh.Result del = cni("DEL", "ctr1" + suffix, netns, "web-" + suffix, config("1.0.0"));
        assertThat(del.exit()).as(del.stdout() + del.stderr()).isZero();
        assertThat(del.stdout()).isEmpty();
        assertNothingLeftFor(podNs, "web-" + suffix);
        assertThat(annotations("web-" + suffix)).containsEntry(PodNetwork.ANNOTATION_POD_IP, "");

        Sh.Result again = cni("DEL", "ctr1" + suffix, netns, "web-" + suffix, config("1.0.0"));
        assertThat(again.exit()).as(again.stdout() + again.stderr()).isZero();
        Sh.exit("ip", "netns", "del", podNs);
        Sh.Result gone = cni("DEL", "ctr1" + suffix, netns, "web-" + suffix, config("1.0.0"));
        assertThat(gone.exit()).as("DEL after the namespace is gone: " + gone.stdout() + gone.stderr()).isZero();
    }

    @Test
    void procPidNamespacePathsWorkToo() throws Exception {
        String podNs = podNamespace("p2");
        pod("proc-" + suffix);
        Process holder = new ProcessBuilder("ip", "netns", "exec", podNs, "sleep", "60").start();
        processes.add(holder);
        String netns = "/proc/" + holder.pid() + "/ns/net";
        String want = Sh.ok("stat", "-L", "-c", "%i", "/var/run/netns/" + podNs);
        for (int i = 0; i < 100 && (Sh.exit("test", "-e", netns) != 0 || !Sh.ok("stat", "-L", "-c", "%i", netns).equals(want)); i++) {
            Thread.sleep(20);
        }

        Sh.Result add = cni("ADD", "ctr2" + suffix, netns, "proc-" + suffix, config("0.4.0"));

        assertThat(add.exit()).as(add.stdout() + add.stderr()).isZero();
        assertThat(json(add.stdout()).path("ips").path(0).path("version").asString()).isEqualTo("4");
        assertThat(links(podNs)).contains("eth0");
        Sh.Result del = cni("DEL", "ctr2" + suffix, netns, "proc-" + suffix, config("0.4.0"));
        assertThat(del.exit()).as(del.stdout() + del.stderr()).isZero();
        assertNothingLeftFor(podNs, "proc-" + suffix);
    }

    @Test
    void malformedJsonIsASpecErrorAndChangesNothing() throws Exception {
        String podNs = podNamespace("p3");
        pod("bad-" + suffix);

        Sh.Result r = cni("ADD", "ctr3" + suffix, "/var/run/netns/" + podNs, "bad-" + suffix, "{\"cniVersion\": ");

        assertThat(r.exit()).isNotZero();
        assertThat(json(r.stdout()).path("code").asInt()).isEqualTo(6);
        assertNothingLeftAfterFailedAdd(podNs, "bad-" + suffix);
    }

    @Test
    void missingEnvironmentIsASpecError() throws Exception {
        Map<String, String> env = Map.of("CNI_COMMAND", "ADD");
        Sh.Result r = Sh.run(plugin(), env, config("1.0.0"), true);

        assertThat(r.exit()).isNotZero();
        JsonNode err = json(r.stdout());
        assertThat(err.path("code").asInt()).isEqualTo(4);
        assertThat(err.path("msg").asString()).contains("CNI_CONTAINERID").contains("CNI_NETNS");
        assertThat(links(node)).containsExactlyInAnyOrder("lo", "up0", "up1");
    }

    @Test
    void unsupportedVersionIsASpecErrorAndChangesNothing() throws Exception {
        String podNs = podNamespace("p4");
        pod("old-" + suffix);

        Sh.Result r = cni("ADD", "ctr4" + suffix, "/var/run/netns/" + podNs, "old-" + suffix, config("0.2.0"));

        assertThat(r.exit()).isNotZero();
        assertThat(json(r.stdout()).path("code").asInt()).isEqualTo(1);
        assertNothingLeftAfterFailedAdd(podNs, "old-" + suffix);
    }

    @Test
    void exhaustedRangeFailsTheSecondPodAndLeavesNoTraceOfIt() throws Exception {
        String small = "cj" + suffix + "s";
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(small).endMetadata()
                .withNewSpec().withPodCIDR("10.78." + octet + ".0/30").endSpec().build()).create();
        String first = podNamespace("p5");
        String second = podNamespace("p6");
        pod("one-" + suffix);
        pod("two-" + suffix);
        String conf = config("1.0.0").replace("\"nodename\": \"" + node + "\"", "\"nodename\": \"" + small + "\"");

        Sh.Result ok = cni("ADD", "ctr5" + suffix, "/var/run/netns/" + first, "one-" + suffix, conf);
        Sh.Result full = cni("ADD", "ctr6" + suffix, "/var/run/netns/" + second, "two-" + suffix, conf);

        assertThat(ok.exit()).as(ok.stdout() + ok.stderr()).isZero();
        assertThat(full.exit()).isNotZero();
        JsonNode err = json(full.stdout());
        assertThat(err.path("code").asInt()).isEqualTo(CniException.IPAM);
        assertThat(err.path("msg").asString()).contains("no IP addresses available in range");
        assertThat(links(second)).containsExactly("lo");
        assertThat(reservations()).hasSize(1);
        assertThat(annotations("two-" + suffix)).doesNotContainKey(PodNetwork.ANNOTATION_POD_IP);
        assertThat(links(node)).containsOnlyOnce(io.calicoj.model.k8s.VethNames.hostInterfaceName("default", "one-" + suffix))
                .doesNotContain(io.calicoj.model.k8s.VethNames.hostInterfaceName("default", "two-" + suffix));

        assertThat(cni("DEL", "ctr5" + suffix, "/var/run/netns/" + first, "one-" + suffix, conf).exit()).isZero();
        assertNothingLeftFor(first, "one-" + suffix);
    }

    @Test
    void failingIpamPluginIsASpecErrorAndChangesNothing() throws Exception {
        String podNs = podNamespace("p7");
        pod("ipam-" + suffix);
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path fake = bin.resolve("host-local");
        Files.writeString(fake, "#!/bin/sh\necho '{\"cniVersion\": \"1.0.0\", \"code\": 999, \"msg\": \"disk on fire\"}'\nexit 1\n");
        fake.toFile().setExecutable(true);

        Sh.Result r = cni("ADD", "ctr7" + suffix, "/var/run/netns/" + podNs, "ipam-" + suffix, config("1.0.0"), bin.toString());

        assertThat(r.exit()).isNotZero();
        JsonNode err = json(r.stdout());
        assertThat(err.path("code").asInt()).isEqualTo(CniException.IPAM);
        assertThat(err.path("msg").asString()).isEqualTo("IPAM plugin host-local ADD failed: disk on fire");
        assertNothingLeftAfterFailedAdd(podNs, "ipam-" + suffix);
    }

    @Test
    void apiFailureOnThePatchRollsBackTheVethRouteAndAddress() throws Exception {
        String podNs = podNamespace("p8");
        String name = "api-" + suffix;
        pod(name);
        server.expect().patch().withPath("/api/v1/namespaces/default/pods/" + name)
                .andReturn(500, "{\"kind\":\"Status\",\"message\":\"etcd is sad\"}").once();

        Sh.Result r = cni("ADD", "ctr8" + suffix, "/var/run/netns/" + podNs, name, config("1.0.0"));

        assertThat(r.exit()).isNotZero();
        JsonNode err = json(r.stdout());
        assertThat(err.path("code").asInt()).isEqualTo(CniException.TRY_AGAIN_LATER);
        assertThat(err.path("msg").asString()).matches("cannot patch pod default/" + name
                + ": Kubernetes API server https://127\\.0\\.0\\.1:\\d+ answered HTTP 500: etcd is sad");
        assertNothingLeftAfterFailedAdd(podNs, name);
        assertThat(r.stderr()).doesNotContain("cni-test-token");
    }
}
