package io.calicoj.cli;

import static io.calicoj.cli.CalicoctlRunner.golden;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: the built launcher {@code bin/calicoctl} as a subprocess against a Kubernetes API
 * server (fabric8's mock) holding namespaces, pods, a NetworkPolicy and nodes, configured the three
 * ways Calico allows: {@code KUBECONFIG}, {@code K8S_API_ENDPOINT} with {@code K8S_TOKEN}, and a
 * {@code calicoctl.cfg} file.
 */
class CalicoctlIT {

    private static MockKubernetes api;

    @TempDir
    static Path dir;

    private record Result(int status, String out, String err) {
    }

    @BeforeAll
    static void cluster() throws Exception {
        api = MockKubernetes.start()
                .namespace("default", Map.of())
                .namespace("kube-system", Map.of("kubernetes.io/metadata.name", "kube-system"))
                .node("kubernetes-minion-group-tbmi", "10.240.0.4", "10.244.1.0/24")
                .node("kubernetes-minion-group-x7ce", "10.240.0.5", "10.244.2.0/24")
                .pod("kube-system", "kube-dns-v20-jhk10", "kubernetes-minion-group-tbmi", "10.244.1.4", Map.of("k8s-app", "kube-dns"))
                .pod("kube-system", "kubernetes-dashboard-v1.4.0-wtrtm", "kubernetes-minion-group-x7ce", "10.244.2.3",
                        Map.of("k8s-app", "kubernetes-dashboard"))
                .networkPolicy("default", "allow-frontend", "db", 6379);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (!Files.exists(p.resolve("bin/calicoctl"))) {
            p = p.getParent();
        }
        return p;
    }

    @Test
    void calicoctlReadsTheKubernetesDatastoreWithoutLoadingFabric8() throws Exception {
        Path classes = dir.resolve("classes.log");
        Map<String, String> env = new HashMap<>(kubeconfig());
        env.put("CALICOJ_JAVA_OPTS", "-Xlog:class+load=info:file=" + classes);
        assertThat(calicoctl(env, "", with("get", "workloadendpoints"))).isEqualTo(new Result(0, INSTALL_PAGE_TABLE, ""));

        String loaded = Files.readString(classes);
        assertThat(loaded).contains("io.calicoj.kube.client.KubeHttpClient").doesNotContain("io.fabric8");
        try (var jars = Files.list(root().resolve("cli/target/lib"))) {
            assertThat(jars.map(p -> p.getFileName().toString())).as("calicoctl's runtime class path")
                    .isNotEmpty().noneMatch(n -> n.startsWith("kubernetes-"));
        }
    }

    private static Result calicoctl(Map<String, String> env, String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(root().resolve("bin/calicoctl").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("KUBECONFIG");
        pb.environment().remove("DATASTORE_TYPE");
        pb.environment().putAll(env);
        Path err = Files.createTempFile(dir, "err", ".txt");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = p.waitFor();
        return new Result(status, out, Files.readString(err));
    }

    private static Map<String, String> kubeconfig() throws IOException {
        return Map.of("DATASTORE_TYPE", "kubernetes", "KUBECONFIG", api.kubeconfig(dir, "t0ken").toString());
    }

    private static String[] with(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-c", dir.resolve("absent.cfg").toString()));
        return all.toArray(String[]::new);
    }

    private static final String INSTALL_PAGE_TABLE = golden("""
            HOSTNAME                       ORCHESTRATOR   WORKLOAD                                        NAME   $
            kubernetes-minion-group-tbmi   k8s            kube-system.kube-dns-v20-jhk10                  eth0   $
            kubernetes-minion-group-x7ce   k8s            kube-system.kubernetes-dashboard-v1.4.0-wtrtm   eth0   $
            $
            """);

    @Test
    void getWorkloadEndpointsWithKubeconfigPrintsTheInstallPageTable() throws Exception {
        assertThat(calicoctl(kubeconfig(), "", with("get", "workloadendpoints")))
                .isEqualTo(new Result(0, INSTALL_PAGE_TABLE, ""));
    }

    @Test
    void getWorkloadEndpointsWithApiEndpointAndToken() throws Exception {
        Map<String, String> env = Map.of("K8S_API_ENDPOINT", api.url(), "K8S_TOKEN", "t0ken");
        assertThat(calicoctl(env, "", with("get", "workloadendpoints"))).isEqualTo(new Result(0, INSTALL_PAGE_TABLE, ""));
    }

    @Test
    void aCalicoctlCfgFileIsUsedInsteadOfTheEnvironment() throws Exception {
        Path cfg = dir.resolve("calicoctl.cfg");
        Files.writeString(cfg, """
                apiVersion: projectcalico.org/v3
                kind: CalicoAPIConfig
                metadata: {}
                spec:
                  datastoreType: kubernetes
                  k8sAPIEndpoint: %s
                  k8sAPIToken: t0ken
                """.formatted(api.url()));
        Map<String, String> env = Map.of("DATASTORE_TYPE", "etcdv2", "KUBECONFIG", "/nonexistent");
        assertThat(calicoctl(env, "", "get", "workloadendpoints", "-c", cfg.toString()))
                .isEqualTo(new Result(0, INSTALL_PAGE_TABLE, ""));
    }

    @Test
    void wideOutputAddsNetworksNatsInterfaceAndProfiles() throws Exception {
        assertThat(calicoctl(kubeconfig(), "", with("get", "wep", "-o", "wide")).out()).isEqualTo(golden("""
                HOSTNAME                       ORCHESTRATOR   WORKLOAD                                        NAME   NETWORKS        NATS   INTERFACE         PROFILES          $
                kubernetes-minion-group-tbmi   k8s            kube-system.kube-dns-v20-jhk10                  eth0   10.244.1.4/32          cali750cc10f5ac   kns.kube-system   $
                kubernetes-minion-group-x7ce   k8s            kube-system.kubernetes-dashboard-v1.4.0-wtrtm   eth0   10.244.2.3/32          calia76a7f3dcb2   kns.kube-system   $
                $
                """));
    }

    @Test
    void kubernetesNetworkPoliciesShowAsCalicoPoliciesAndAreReadOnly() throws Exception {
        Result yaml = calicoctl(kubeconfig(), "", with("get", "networkpolicy", "knp.default.allow-frontend", "-o", "yaml"));
        assertThat(yaml.status()).isZero();
        assertThat(yaml.out()).startsWith("apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\n")
                .contains("  name: knp.default.allow-frontend\n  namespace: default\n").contains("  order: 1000\n");
        String before = api.client().network().v1().networkPolicies().inNamespace("default").withName("allow-frontend")
                .get().getMetadata().getResourceVersion();

        assertThat(calicoctl(kubeconfig(), yaml.out(), with("apply", "-f", "-"))).isEqualTo(new Result(1, "",
                "Failed to apply 'NetworkPolicy' resource: operation Apply is not supported on"
                        + " NetworkPolicy(default/knp.default.allow-frontend): kubernetes network policies must be"
                        + " managed through the kubernetes API\n"));
        assertThat(calicoctl(kubeconfig(), "", with("delete", "policy", "knp.default.allow-frontend")).err())
                .contains("kubernetes network policies must be managed through the kubernetes API");
        assertThat(api.client().network().v1().networkPolicies().inNamespace("default").withName("allow-frontend")
                .get().getMetadata().getResourceVersion()).isEqualTo(before);
    }

    @Test
    void aBadFileChangesNothingAndNamesDocumentFieldAndValue() throws Exception {
        String file = """
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: fine}
                spec: {selector: all()}
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: broken}
                spec:
                  ingress:
                  - action: Allow
                    source: {nets: [10.0.0.0/40]}
                """;
        Result r = calicoctl(kubeconfig(), file, with("apply", "-f", "-"));
        assertThat(r).isEqualTo(new Result(1, "", "Failed to execute command: stdin: document 2 (GlobalNetworkPolicy"
                + " broken): spec.ingress[0].source.nets[0]: invalid value \"10.0.0.0/40\": prefix length must be between"
                + " 0 and 32\n"));
        assertThat(calicoctl(kubeconfig(), "", with("get", "gnp", "fine")).status()).isEqualTo(1);
    }

    @Test
    void etcdv2IsRefusedClearly() throws Exception {
        assertThat(calicoctl(Map.of("DATASTORE_TYPE", "etcdv2"), "", with("get", "nodes"))).isEqualTo(new Result(1, "",
                "Failed to create Calico API client: etcdv2 datastore is not supported by this build (configured by"
                        + " environment); use DATASTORE_TYPE=kubernetes\n"));
    }

    @Test
    void aWorkloadEndpointByNameAsYaml() throws Exception {
        Result r = calicoctl(kubeconfig(), "", with("get", "wep", "-n", "kube-system",
                "kubernetes--minion--group--tbmi-k8s-kube--dns--v20--jhk10-eth0", "-o", "yaml"));
        // The API server assigns the uid and resourceVersion.
        String out = r.out().replaceAll("(?m)^(  (resourceVersion|uid): ).*$", "$1X");
        assertThat(new Result(r.status(), out, r.err())).isEqualTo(new Result(0, """
                apiVersion: projectcalico.org/v3
                kind: WorkloadEndpoint
                metadata:
                  creationTimestamp: null
                  labels:
                    k8s-app: kube-dns
                    projectcalico.org/namespace: kube-system
                    projectcalico.org/orchestrator: k8s
                  name: kubernetes--minion--group--tbmi-k8s-kube--dns--v20--jhk10-eth0
                  namespace: kube-system
                  resourceVersion: X
                  uid: X
                spec:
                  endpoint: eth0
                  interfaceName: cali750cc10f5ac
                  ipNetworks:
                  - 10.244.1.4/32
                  node: kubernetes-minion-group-tbmi
                  orchestrator: k8s
                  pod: kube-dns-v20-jhk10
                  ports:
                  - hostIP: ""
                    hostPort: 0
                    name: http
                    port: 80
                    protocol: TCP
                  profiles:
                  - kns.kube-system
                """, ""));
    }

    @Test
    void calicoKindsWithoutCrdsListEmptyAndCannotBeWritten() throws Exception {
        assertThat(calicoctl(kubeconfig(), "", with("get", "ippools")))
                .isEqualTo(new Result(0, golden("NAME   CIDR   SELECTOR   $\n$\n"), ""));
        String pool = "apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: {name: p}\nspec: {cidr: 10.9.0.0/16}\n";
        assertThat(calicoctl(kubeconfig(), pool, with("create", "-f", "-"))).isEqualTo(new Result(1, "",
                "Failed to create 'IPPool' resource: operation Create is not supported on IPPool(p): IPPool resources"
                        + " need Calico's CRDs, which the Kubernetes datastore of Calico/J does not have\n"));
    }

    @Test
    void nodesAreListed() throws Exception {
        Map<String, String> env = new HashMap<>(kubeconfig());
        assertThat(calicoctl(env, "", with("get", "nodes")).out()).isEqualTo(golden("""
                NAME                           $
                kubernetes-minion-group-tbmi   $
                kubernetes-minion-group-x7ce   $
                $
                """));
    }
}
