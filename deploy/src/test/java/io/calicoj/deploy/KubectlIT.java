package io.calicoj.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.calicoj.exec.Command;
import io.calicoj.exec.CommandResult;
import io.calicoj.exec.ProcessCommandRunner;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The real kubectl accepts the manifests. Even a client-side dry run maps each object's apiVersion
 * and kind to a resource through API discovery, so it needs a server: this one answers discovery for
 * the groups a cluster has (core, apps, rbac, networking) and "not found" for every object, as a
 * fresh cluster would; no object request may reach it but reads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubectlIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> VERBS = List.of("create", "delete", "deletecollection", "get", "list", "patch",
            "update", "watch");

    /** name, kind, namespaced. */
    private record Res(String name, String kind, boolean namespaced) {
    }

    private static final Map<String, List<Res>> GROUPS = Map.of(
            "v1", List.of(new Res("configmaps", "ConfigMap", true), new Res("serviceaccounts", "ServiceAccount", true),
                    new Res("pods", "Pod", true), new Res("namespaces", "Namespace", false), new Res("nodes", "Node", false)),
            "apps/v1", List.of(new Res("daemonsets", "DaemonSet", true), new Res("deployments", "Deployment", true)),
            "rbac.authorization.k8s.io/v1", List.of(new Res("clusterroles", "ClusterRole", false),
                    new Res("clusterrolebindings", "ClusterRoleBinding", false), new Res("roles", "Role", true),
                    new Res("rolebindings", "RoleBinding", true)),
            "networking.k8s.io/v1", List.of(new Res("networkpolicies", "NetworkPolicy", true)));

    private Path dir;
    private HttpServer server;
    private Path kubeconfig;
    private final List<String> objectRequests = new CopyOnWriteArrayList<>();

    @BeforeAll
    void startDiscovery(@TempDir Path tempDir) throws IOException {
        dir = tempDir;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: discovery, cluster: {server: "http://127.0.0.1:%d"}}]
                users: [{name: nobody, user: {}}]
                contexts: [{name: discovery, context: {cluster: discovery, user: nobody}}]
                current-context: discovery
                """.formatted(server.getAddress().getPort()));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void answer(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath().replaceAll("/+$", "");
        String body;
        int status = 200;
        if (path.equals("/api")) {
            body = "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":[]}";
        } else if (path.equals("/apis")) {
            ObjectNode list = JSON.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
            ArrayNode groups = list.putArray("groups");
            GROUPS.keySet().stream().filter(gv -> gv.contains("/")).sorted().forEach(gv -> {
                ObjectNode g = groups.addObject().put("name", gv.substring(0, gv.indexOf('/')));
                ObjectNode v = JSON.createObjectNode().put("groupVersion", gv).put("version", "v1");
                g.putArray("versions").add(v);
                g.set("preferredVersion", v);
            });
            body = JSON.writeValueAsString(list);
        } else if (groupVersion(path) != null && GROUPS.containsKey(groupVersion(path))) {
            String gv = groupVersion(path);
            ObjectNode list = JSON.createObjectNode().put("kind", "APIResourceList").put("apiVersion", "v1").put("groupVersion", gv);
            ArrayNode resources = list.putArray("resources");
            for (Res r : GROUPS.get(gv)) {
                ObjectNode o = resources.addObject().put("name", r.name()).put("singularName", r.kind().toLowerCase())
                        .put("namespaced", r.namespaced()).put("kind", r.kind());
                VERBS.forEach(o.putArray("verbs")::add);
            }
            body = JSON.writeValueAsString(list);
        } else {
            if (!path.startsWith("/openapi")) {
                objectRequests.add(x.getRequestMethod() + " " + path);
            }
            status = 404;
            body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404,"
                    + "\"message\":\"not found\"}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** {@code v1} for /api/v1, {@code apps/v1} for /apis/apps/v1; null for anything longer. */
    private static String groupVersion(String path) {
        if (path.equals("/api/v1")) {
            return "v1";
        }
        String[] p = path.split("/");
        return p.length == 4 && p[1].equals("apis") ? p[2] + "/" + p[3] : null;
    }

    private CommandResult kubectl(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
        argv.addAll(List.of(args));
        return new ProcessCommandRunner(Duration.ofMinutes(1)).run(new Command(argv, "", Map.of()));
    }

    @Test
    void kubectlAppliesCalicoYamlInAClientDryRun() throws Exception {
        CommandResult r = kubectl("apply", "--dry-run=client", "--validate=false", "-f", Manifests.calicoYaml().toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout().lines()).containsExactly(
                "configmap/calico-config created (dry run)",
                "serviceaccount/calico-node created (dry run)",
                "clusterrole.rbac.authorization.k8s.io/calico-node created (dry run)",
                "clusterrolebinding.rbac.authorization.k8s.io/calico-node created (dry run)",
                "daemonset.apps/calico-node created (dry run)");
        assertThat(objectRequests).allMatch(req -> req.startsWith("GET "));
    }

    @Test
    void kubectlAppliesCalicoctlYamlInAClientDryRun() throws Exception {
        CommandResult r = kubectl("apply", "--dry-run=client", "--validate=false", "-f", Manifests.calicoctlYaml().toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout().lines()).containsExactly(
                "serviceaccount/calicoctl created (dry run)",
                "clusterrole.rbac.authorization.k8s.io/calicoctl created (dry run)",
                "clusterrolebinding.rbac.authorization.k8s.io/calicoctl created (dry run)",
                "pod/calicoctl created (dry run)");
    }

    @Test
    void whatKubectlWouldSendIsTheManifestObjectForObject() throws Exception {
        for (Path manifest : List.of(Manifests.calicoYaml(), Manifests.calicoctlYaml())) {
            CommandResult r = kubectl("create", "--dry-run=client", "--validate=false", "-o", "yaml", "-f", manifest.toString());
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            Path out = dir.resolve("kubectl-" + manifest.getFileName());
            Files.writeString(out, r.stdout());
            List<HasMetadata> sent = items(Manifests.load(out));
            List<HasMetadata> written = Manifests.load(manifest);
            KubernetesSerialization s = new KubernetesSerialization();
            assertThat(sent).hasSameSizeAs(written);
            for (int i = 0; i < sent.size(); i++) {
                assertThat(JSON.readTree(s.asJson(sent.get(i)))).as(manifest.getFileName() + " object " + i)
                        .isEqualTo(JSON.readTree(s.asJson(written.get(i))));
            }
        }
    }

    /** kubectl prints several objects as one v1 List. */
    private static List<HasMetadata> items(List<HasMetadata> parsed) {
        if (parsed.size() == 1 && parsed.get(0) instanceof io.fabric8.kubernetes.api.model.KubernetesList list) {
            return list.getItems();
        }
        return parsed;
    }
}
