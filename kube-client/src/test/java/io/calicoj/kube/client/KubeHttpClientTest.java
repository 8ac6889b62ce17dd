package io.calicoj.kube.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.calicoj.datastore.config.ConfigException;
import io.calicoj.json.JsonTrees;
import io.calicoj.kube.connection.KubeConnection;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The lean client against a scripted HTTP server: requests as sent, answers as understood, failures as reported. */
class KubeHttpClientTest {

    private static final String TOKEN = "tok-never-in-a-message-8813";

    private record Seen(String method, String path, String authorization, String userAgent, String contentType,
                        String accept, String body) {
    }

    private HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String answer = "{}";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange x) throws IOException {
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        seen.add(new Seen(x.getRequestMethod(), x.getRequestURI().getRawPath(), x.getRequestHeaders().getFirst("Authorization"),
                x.getRequestHeaders().getFirst("User-Agent"), x.getRequestHeaders().getFirst("Content-Type"),
                x.getRequestHeaders().getFirst("Accept"), body));
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private KubeHttpClient client(String token) {
        return KubeHttpClient.create(new KubeConnection(url() + "/", null, null, null, token, false), "calicoj-test/1.2",
                Duration.ofSeconds(5));
    }

    @Test
    void getSendsTokenUserAgentAndAcceptAndReturnsTheObject() throws Exception {
        answer = "{\"kind\":\"Node\",\"spec\":{\"podCIDR\":\"10.0.0.0/24\"}}";

        JsonNode node = client(TOKEN).get("/api/v1/nodes/n1").orElseThrow();

        assertThat(node.path("spec").path("podCIDR").asString()).isEqualTo("10.0.0.0/24");
        assertThat(seen).containsExactly(new Seen("GET", "/api/v1/nodes/n1", "Bearer " + TOKEN, "calicoj-test/1.2", null,
                "application/json", ""));
    }

    @Test
    void withoutATokenNoAuthorizationHeaderIsSent() throws Exception {
        client(null).get("/api/v1/nodes/n1");
        client("").get("/api/v1/nodes/n1");

        assertThat(seen).extracting(Seen::authorization).containsExactly(null, null);
    }

    @Test
    void aMissingObjectIsEmptyButAMissingCollectionIsAnError() throws Exception {
        status = 404;
        answer = "{\"kind\":\"Status\",\"message\":\"the server could not find the requested resource\",\"code\":404}";
        KubeHttpClient c = client(TOKEN);

        assertThat(c.get("/api/v1/nodes/gone")).isEmpty();
        assertThat(c.mergePatch("/api/v1/namespaces/a/pods/gone", JsonTrees.object())).isEmpty();
        assertThatThrownBy(() -> c.list("/apis/nowhere/v1/things")).isInstanceOfSatisfying(KubeApiException.class, e -> {
            assertThat(e.kind()).isEqualTo(KubeApiException.Kind.STATUS);
            assertThat(e.status()).isEqualTo(404);
            assertThat(e).hasMessage("Kubernetes API server " + url() + " answered HTTP 404: the server could not find the"
                    + " requested resource");
        });
    }

    @Test
    void listReturnsTheItemsAndNoneWhenThereAreNone() throws Exception {
        answer = "{\"kind\":\"PodList\",\"items\":[{\"metadata\":{\"name\":\"a\"}},{\"metadata\":{\"name\":\"b\"}}]}";
        assertThat(client(TOKEN).list("/api/v1/pods")).extracting(p -> p.path("metadata").path("name").asString())
                .containsExactly("a", "b");
        answer = "{\"kind\":\"PodList\",\"metadata\":{}}";
        assertThat(client(TOKEN).list("/api/v1/pods")).isEmpty();
    }

    @Test
    void mergePatchSendsTheDocumentAsAMergePatch() throws Exception {
        answer = "{\"kind\":\"Pod\"}";
        JsonNode patch = JsonTrees.parse("{\"metadata\":{\"annotations\":{\"a\":\"1\",\"b\":null}}}");

        assertThat(client(TOKEN).mergePatch("/api/v1/namespaces/ns/pods/p/status", patch)).isPresent();

        assertThat(seen).singleElement().satisfies(s -> {
            assertThat(s.method()).isEqualTo("PATCH");
            assertThat(s.path()).isEqualTo("/api/v1/namespaces/ns/pods/p/status");
            assertThat(s.contentType()).isEqualTo("application/merge-patch+json");
            assertThat(s.body()).isEqualTo("{\"metadata\":{\"annotations\":{\"a\":\"1\",\"b\":null}}}");
        });
    }

    @Test
    void refusalsAndServerFailuresNameServerAndStatusButNeverTheToken() {
        answer = "{\"kind\":\"Status\",\"message\":\"pods is forbidden: User \\\"system:serviceaccount:kube-system:calico\\\""
                + " cannot list resource \\\"pods\\\"\",\"code\":403}";
        status = 403;
        assertThatThrownBy(() -> client(TOKEN).list("/api/v1/pods")).isInstanceOfSatisfying(KubeApiException.class, e -> {
            assertThat(e.isUnauthorized()).isTrue();
            assertThat(e.isTransient()).isFalse();
            assertThat(e).hasMessageStartingWith("Kubernetes API server " + url() + " answered HTTP 403: pods is forbidden")
                    .hasMessageNotContaining(TOKEN);
        });
        status = 401;
        answer = "";
        assertThatThrownBy(() -> client(TOKEN).get("/api/v1/nodes/n")).isInstanceOfSatisfying(KubeApiException.class, e -> {
            assertThat(e.isUnauthorized()).isTrue();
            assertThat(e).hasMessage("Kubernetes API server " + url() + " answered HTTP 401");
        });
        for (int s : new int[] {429, 500, 503}) {
            status = s;
            assertThatThrownBy(() -> client(TOKEN).get("/api/v1/nodes/n")).isInstanceOfSatisfying(KubeApiException.class,
                    e -> assertThat(e.isTransient()).as("HTTP " + s).isTrue());
        }
        status = 409;
        assertThatThrownBy(() -> client(TOKEN).get("/api/v1/nodes/n")).isInstanceOfSatisfying(KubeApiException.class,
                e -> assertThat(e.isTransient()).isFalse());
    }

    @Test
    void anAnswerThatIsNotAJsonObjectIsABadResponse() {
        answer = "<html>proxy error</html>";
        assertThatThrownBy(() -> client(TOKEN).get("/api/v1/nodes/n")).isInstanceOfSatisfying(KubeApiException.class, e -> {
            assertThat(e.kind()).isEqualTo(KubeApiException.Kind.BAD_RESPONSE);
            assertThat(e).hasMessage("Kubernetes API server " + url() + " answered GET /api/v1/nodes/n with something that is"
                    + " not a JSON object");
        });
    }

    @Test
    void anUnreachableServerIsTransientAndNamed() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        KubeHttpClient c = KubeHttpClient.create(new KubeConnection("http://127.0.0.1:" + port, null, null, null, TOKEN, false),
                "t/1", Duration.ofSeconds(5));
        assertThatThrownBy(() -> c.get("/api/v1/nodes/n")).isInstanceOfSatisfying(KubeApiException.class, e -> {
            assertThat(e.kind()).isEqualTo(KubeApiException.Kind.UNREACHABLE);
            assertThat(e.isTransient()).isTrue();
            assertThat(e).hasMessageStartingWith("cannot reach Kubernetes API server http://127.0.0.1:" + port + ": ")
                    .hasMessageNotContaining(TOKEN);
        });
    }

    @Test
    void theServerIsNamedWithoutUserInfoOrPath() {
        KubeHttpClient c = KubeHttpClient.create(new KubeConnection("https://admin@api.example:6443/k8s/clusters/c-1", null, null,
                null, null, false), "t/1", Duration.ofSeconds(1));
        assertThat(c.server()).isEqualTo("https://api.example:6443");
    }

    @Test
    void aUrlThatIsNotHttpIsAConfigurationError() {
        for (String bad : new String[] {"ftp://x", "10.0.0.1:6443", "https://", "http://bad host"}) {
            assertThatThrownBy(() -> KubeHttpClient.create(new KubeConnection(bad, null, null, null, null, false), "t/1",
                    Duration.ofSeconds(1))).as(bad).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("invalid Kubernetes API server URL");
        }
    }

    private static java.util.Set<Thread> selectorThreads() {
        java.util.Set<Thread> out = new java.util.HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().matches("HttpClient-\\d+-SelectorManager")) {
                out.add(t);
            }
        }
        return out;
    }

    @Test
    void closeEndsTheClientsThreadsSoThatTheProcessExitsAtOnce() throws Exception {
        java.util.Set<Thread> before = selectorThreads();
        KubeHttpClient c = client(TOKEN);
        c.get("/api/v1/nodes/n1");
        java.util.Set<Thread> ours = selectorThreads();
        ours.removeAll(before);
        assertThat(ours).hasSize(1);

        c.close();

        Thread selector = ours.iterator().next();
        selector.join(5_000);
        assertThat(selector.isAlive()).as(selector.getName() + " still running").isFalse();
        // (Other tests' clients may end their threads meanwhile: only this one's is looked for.)
        assertThat(selectorThreads()).doesNotContain(selector);
    }

    @Test
    void onlyKubernetesNamesAreSafeInAPath() {
        assertThat(KubeHttpClient.isName("kube-system")).isTrue();
        assertThat(KubeHttpClient.isName("node-1.example.com")).isTrue();
        for (String bad : new String[] {"", "..", "../nodes", "a/b", "A", "-a", "a-", "a?b", "a%2Fb", "x".repeat(254)}) {
            assertThat(KubeHttpClient.isName(bad)).as(bad).isFalse();
        }
        assertThat(KubeHttpClient.isName(null)).isFalse();
    }
}
