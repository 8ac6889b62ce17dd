package io.calicoj.cni.plugin;

import io.calicoj.cni.tls.NativeTls;
import io.calicoj.kube.connection.KubeConnection;
import io.calicoj.kube.connection.UserAgent;
import io.calicoj.datastore.config.ConfigException;
import io.calicoj.kube.client.KubeApiException;
import io.calicoj.kube.client.KubeHttpClient;
import java.security.Provider;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link KubeApi} on the shared lean client ({@link KubeHttpClient}: the JDK's HTTP client, the
 * connection's own TLS context and bearer token). Unreachable, throttled (429) and failing (5xx)
 * servers are {@link CniException#TRY_AGAIN_LATER}; refusals are {@link CniException#KUBERNETES}.
 * Every request says {@code User-Agent: calico-cni/<version>}, as Calico's plugin names itself.
 */
final class JdkKubeApi implements KubeApi {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    static final String USER_AGENT = UserAgent.of("calico-cni", JdkKubeApi.class);

    private final KubeHttpClient http;

    /** @param tls gives the TLS implementation ({@link NativeTls#provider}), {@code null} for the JDK's */
    JdkKubeApi(KubeConnection connection, Supplier<Provider> tls) throws CniException {
        try {
            this.http = KubeHttpClient.create(connection, USER_AGENT, TIMEOUT, tls);
        } catch (ConfigException e) {
            throw new CniException(CniException.INVALID_NETWORK_CONFIG, e.getMessage());
        }
    }

    @Override
    public String nodePodCidr(String node) throws CniException {
        checkName("node name", node);
        String what = "get node " + node;
        JsonNode spec;
        try {
            spec = http.get("/api/v1/nodes/" + node).orElseThrow(() -> new CniException(CniException.KUBERNETES,
                    "node \"" + node + "\" not found in the Kubernetes API"
                            + " (set nodename or kubernetes.node_name to the node's Kubernetes name)")).path("spec");
        } catch (KubeApiException e) {
            throw failure(what, e);
        }
        String cidr = spec.path("podCIDR").asString("");
        if (cidr.isEmpty()) {
            cidr = spec.path("podCIDRs").path(0).asString("");
        }
        return cidr;
    }

    @Override
    public Optional<Map<String, String>> podAnnotations(PodRef pod) throws CniException {
        Optional<JsonNode> found;
        try {
            found = http.get(podPath(pod));
        } catch (KubeApiException e) {
            throw failure("get pod " + pod, e);
        }
        return found.map(p -> {
            Map<String, String> out = new LinkedHashMap<>();
            for (var e : p.path("metadata").path("annotations").properties()) {
                out.put(e.getKey(), e.getValue().asString(""));
            }
            return out;
        });
    }

    @Override
    public boolean patchPodAnnotations(PodRef pod, Map<String, String> annotations) throws CniException {
        ObjectNode patch = Json.object();
        ObjectNode a = patch.putObject("metadata").putObject("annotations");
        annotations.forEach((k, v) -> {
            if (v == null) {
                a.putNull(k);
            } else {
                a.put(k, v);
            }
        });
        try {
            return http.mergePatch(podPath(pod), patch).isPresent();
        } catch (KubeApiException e) {
            throw failure("patch pod " + pod, e);
        }
    }

    @Override
    public void close() {
        http.close();
    }

    private static String podPath(PodRef pod) throws CniException {
        checkName("K8S_POD_NAMESPACE", pod.namespace());
        checkName("K8S_POD_NAME", pod.name());
        return "/api/v1/namespaces/" + pod.namespace() + "/pods/" + pod.name();
    }

    static void checkName(String what, String name) throws CniException {
        if (!KubeHttpClient.isName(name)) {
            throw new CniException(what.startsWith("K8S_") ? CniException.INVALID_ENVIRONMENT : CniException.INVALID_NETWORK_CONFIG,
                    what + ": invalid Kubernetes name \"" + name + "\"");
        }
    }

    /** The CNI error for a failed request: retry later when the API is unreachable or overloaded. */
    private static CniException failure(String what, KubeApiException e) {
        String text = "cannot " + what + ": " + e.getMessage();
        if (e.isTransient()) {
            return new CniException(CniException.TRY_AGAIN_LATER, text);
        }
        return new CniException(CniException.KUBERNETES, e.isUnauthorized() ? "connection is unauthorized: " + text : text);
    }
}
