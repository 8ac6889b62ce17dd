package io.calicoj.sandbox.api;

import io.calicoj.kubemock.WatchEndsOffEventLoop;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The sandbox's Kubernetes API: fabric8's mock server in CRUD mode (the only stand-in we may use),
 * behind a dispatcher that answers API discovery so that the real {@code kubectl} works, and that
 * lets observers see every request (the RBAC check records what components call).
 */
public final class ApiServer implements AutoCloseable {

    /** The mock logs every request through java.util.logging at INFO; kept referenced so the level sticks. */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private final KubernetesMockServer server;
    private final List<Consumer<RecordedRequest>> observers = new CopyOnWriteArrayList<>();

    private ApiServer(KubernetesMockServer server) {
        this.server = server;
    }

    /** Starts on {@code 127.0.0.1:port} (0 = any free port), plain HTTP. */
    public static ApiServer start(int port) {
        KubernetesMixedDispatcher crud = new KubernetesMixedDispatcher(new HashMap<>());
        ApiServer[] self = new ApiServer[1];
        Dispatcher front = new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                self[0].observers.forEach(o -> o.accept(request));
                String contentType = request.getHeader("Content-Type");
                if (contentType != null && contentType.contains("protobuf")) {
                    // The mock only speaks JSON; answering 415 makes clients retry with JSON.
                    return new MockResponse().setResponseCode(415).setHeader("Content-Type", "application/json")
                            .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                                    + "\"message\":\"the sandbox API server accepts only JSON\",\"reason\":\"UnsupportedMediaType\","
                                    + "\"code\":415}");
                }
                MockResponse discovery = self[0].discovery(request);
                return discovery != null ? discovery : crud.dispatch(admit(request));
            }

            @Override
            public void shutdown() {
                crud.shutdown();
            }
        };
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new WatchEndsOffEventLoop(front), false, new VersionInfo.Builder().withMajor("1").withMinor("32").withGitVersion("v1.32.0-calicoj-sandbox")
                .withPlatform("linux/amd64").build());
        self[0] = new ApiServer(server);
        try {
            server.init(InetAddress.getByName("127.0.0.1"), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        return self[0];
    }

    /** Namespaces created or replaced get their name label, as a real API server's admission adds it. */
    private static RecordedRequest admit(RecordedRequest request) {
        String path = request.getPath();
        boolean namespaceWrite = ("POST".equals(request.getMethod()) && path.startsWith("/api/v1/namespaces")
                && !path.startsWith("/api/v1/namespaces/"))
                || ("PUT".equals(request.getMethod()) && path.matches("/api/v1/namespaces/[^/?]+(\\?.*)?"));
        if (!namespaceWrite || request.getBody() == null) {
            return request;
        }
        String body = NamespaceAdmission.mutate(request.getUtf8Body());
        return new RecordedRequest(request.getHttpVersion(), request.method(), path, request.getHeaders(),
                new Buffer(body.getBytes(StandardCharsets.UTF_8)));
    }

    private MockResponse discovery(RecordedRequest request) {
        if (!"GET".equals(request.getMethod())) {
            return null;
        }
        String path = request.getPath();
        int q = path.indexOf('?');
        if (q >= 0) {
            path = path.substring(0, q);
        }
        if (path.equals("/openapi/v3") || path.equals("/openapi/v3/")) {
            return json(Discovery.openApiV3Index());
        }
        if (path.equals("/openapi/v3/api/v1") || path.equals("/openapi/v3/apis/networking.k8s.io/v1")) {
            return json(Discovery.openApiV3Document(path.substring("/openapi/v3/".length())));
        }
        if (path.startsWith("/openapi/")) {
            return new MockResponse().setResponseCode(404).setHeader("Content-Type", "application/json")
                    .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}");
        }
        String body = switch (path) {
            case "/api", "/api/" -> Discovery.apiVersions("127.0.0.1:" + port());
            case "/apis", "/apis/" -> Discovery.apiGroupList();
            case "/api/v1", "/api/v1/" -> Discovery.coreResources();
            case "/apis/networking.k8s.io/v1", "/apis/networking.k8s.io/v1/" -> Discovery.networkingResources();
            default -> null;
        };
        return body == null ? null : json(body);
    }

    private static MockResponse json(String body) {
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json").setBody(body);
    }

    /** Sees every request before it is answered (on the server's threads). */
    public void observe(Consumer<RecordedRequest> observer) {
        observers.add(observer);
    }

    public int port() {
        return server.getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** A client for the sandbox itself. */
    public KubernetesClient client() {
        return server.createClient();
    }

    @Override
    public void close() {
        server.destroy();
    }
}
