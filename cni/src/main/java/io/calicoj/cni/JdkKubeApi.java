package io.calicoj.cni;

import io.calicoj.datastore.KubeConnection;
import io.calicoj.datastore.UserAgent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link KubeApi} on the JDK's HTTP client: HTTP/1.1 (one connection, reused), the connection's
 * own TLS context and bearer token. Unreachable, throttled (429) and failing (5xx) servers are
 * {@link CniException#TRY_AGAIN_LATER}; refusals are {@link CniException#KUBERNETES}. Every request
 * says {@code User-Agent: calico-cni/<version>}, as Calico's plugin names itself to the API server.
 */
final class JdkKubeApi implements KubeApi {

    private static final Logger log = LoggerFactory.getLogger(JdkKubeApi.class);

    /** A DNS-1123 subdomain: what Kubernetes allows for namespace, pod and node names. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    static final String USER_AGENT = UserAgent.of("calico-cni", "calicoj-cni");

    private final KubeConnection connection;
    private final HttpClient http;
    private final String server;

    JdkKubeApi(KubeConnection connection) throws CniException {
        this.connection = connection;
        this.server = connection.server().endsWith("/")
                ? connection.server().substring(0, connection.server().length() - 1) : connection.server();
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT);
        if (server.startsWith("https:")) {
            b.sslContext(TlsContexts.of(connection));
        }
        this.http = b.build();
    }

    @Override
    public String nodePodCidr(String node) throws CniException {
        checkName("node name", node);
        HttpResponse<String> r = send(get("/api/v1/nodes/" + node), "get node " + node);
        if (r.statusCode() == 404) {
            throw new CniException(CniException.KUBERNETES, "node \"" + node + "\" not found in the Kubernetes API"
                    + " (set nodename or kubernetes.node_name to the node's Kubernetes name)");
        }
        JsonNode spec = body(r, "get node " + node).path("spec");
        String cidr = spec.path("podCIDR").asString("");
        if (cidr.isEmpty()) {
            cidr = spec.path("podCIDRs").path(0).asString("");
        }
        return cidr;
    }

    @Override
    public Optional<Map<String, String>> podAnnotations(PodRef pod) throws CniException {
        HttpResponse<String> r = send(get(podPath(pod)), "get pod " + pod);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : body(r, "get pod " + pod).path("metadata").path("annotations").properties()) {
            out.put(e.getKey(), e.getValue().asString(""));
        }
        return Optional.of(out);
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
        HttpRequest req = request(podPath(pod)).header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(Json.write(patch))).build();
        HttpResponse<String> r = send(req, "patch pod " + pod);
        if (r.statusCode() == 404) {
            return false;
        }
        body(r, "patch pod " + pod);
        return true;
    }

    private String podPath(PodRef pod) throws CniException {
        checkName("K8S_POD_NAMESPACE", pod.namespace());
        checkName("K8S_POD_NAME", pod.name());
        return "/api/v1/namespaces/" + pod.namespace() + "/pods/" + pod.name();
    }

    private static void checkName(String what, String name) throws CniException {
        if (!NAME.matcher(name).matches()) {
            throw new CniException(what.startsWith("K8S_") ? CniException.INVALID_ENVIRONMENT : CniException.INVALID_NETWORK_CONFIG,
                    what + ": invalid Kubernetes name \"" + name + "\"");
        }
    }

    private HttpRequest get(String path) {
        return request(path).GET().build();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server + path)).timeout(TIMEOUT)
                .header("Accept", "application/json").header("User-Agent", USER_AGENT);
        if (connection.bearerToken() != null && !connection.bearerToken().isEmpty()) {
            b.header("Authorization", "Bearer " + connection.bearerToken());
        }
        return b;
    }

    private HttpResponse<String> send(HttpRequest req, String what) throws CniException {
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            log.debug("{}: HTTP {} in {} ms", what, r.statusCode(), (System.nanoTime() - start) / 1_000_000);
            return r;
        } catch (javax.net.ssl.SSLHandshakeException e) {
            throw new CniException(CniException.KUBERNETES, "cannot " + what + ": TLS with the Kubernetes API at " + server
                    + " failed (check its CA and address): " + e.getMessage());
        } catch (IOException e) {
            throw new CniException(CniException.TRY_AGAIN_LATER, "cannot " + what + ": the Kubernetes API at " + server
                    + " is unreachable: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CniException(CniException.TRY_AGAIN_LATER, "cannot " + what + ": interrupted");
        } catch (IllegalArgumentException e) {
            throw new CniException(CniException.INVALID_NETWORK_CONFIG, "cannot " + what + ": invalid API server URL \""
                    + server + "\": " + e.getMessage());
        }
    }

    /** The body of a 2xx response as JSON; anything else becomes the matching error. */
    private JsonNode body(HttpResponse<String> r, String what) throws CniException {
        int s = r.statusCode();
        if (s >= 200 && s < 300) {
            return Json.parseObject(r.body(), "the Kubernetes API's answer to " + what);
        }
        String message = statusMessage(r.body());
        String text = "cannot " + what + ": HTTP " + s + (message.isEmpty() ? "" : ": " + message);
        if (s == 429 || s >= 500) {
            throw new CniException(CniException.TRY_AGAIN_LATER, text);
        }
        if (s == 401 || s == 403) {
            throw new CniException(CniException.KUBERNETES, "connection is unauthorized: " + text);
        }
        throw new CniException(CniException.KUBERNETES, text);
    }

    /** The {@code message} of a Kubernetes Status body, or nothing. */
    private static String statusMessage(String body) {
        try {
            return Json.parseObject(body, "status").path("message").asString("");
        } catch (CniException e) {
            return "";
        }
    }
}
