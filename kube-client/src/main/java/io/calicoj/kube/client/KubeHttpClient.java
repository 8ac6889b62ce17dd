package io.calicoj.kube.client;

import io.calicoj.datastore.config.ConfigException;
import io.calicoj.json.JsonTrees;
import io.calicoj.kube.connection.KubeConnection;
import io.calicoj.kube.tls.KubeTls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Provider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A small Kubernetes API client for short-lived programs (calicoctl, the CNI plugin): the JDK's HTTP
 * client (HTTP/1.1, one connection reused), Jackson trees, no fabric8. GET an object, list a
 * collection, JSON merge PATCH; every request carries the connection's bearer token and
 * {@code User-Agent: <program>/<version>}. Failures are {@link KubeApiException}s naming the server
 * and the status, never the token.
 *
 * <p>Paths are the caller's: build them from names that passed {@link #isName}, so that nothing a
 * user typed can walk to another resource.
 *
 * <p>{@link #close()} before the process exits: the JVM's exit waits up to 300 ms for any thread
 * in native code, such as the HTTP client's selector thread blocked in {@code epoll_wait}.
 */
public final class KubeHttpClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KubeHttpClient.class);

    /** An unreachable API server is reported within this time. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** A DNS-1123 subdomain: what Kubernetes allows for namespace, pod and node names. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    private static final String MERGE_PATCH = "application/merge-patch+json";

    private static final Pattern CLIENT_ID = Pattern.compile("\\((\\d+)\\)$");

    private final HttpClient http;
    /** The client's selector thread on Java 17-20 (which cannot shut a client down), else {@code null}. */
    private final Thread selector;
    private final String base;
    private final String server;
    private final String authorization;
    private final String userAgent;
    private final Duration requestTimeout;

    private KubeHttpClient(HttpClient http, Thread selector, String base, String server, String token, String userAgent,
                           Duration requestTimeout) {
        this.http = http;
        this.selector = selector;
        this.base = base;
        this.server = server;
        this.authorization = token == null || token.isEmpty() ? null : "Bearer " + token;
        this.userAgent = userAgent;
        this.requestTimeout = requestTimeout;
    }

    /**
     * A client for {@code connection}; connects on the first request.
     *
     * @param userAgent      e.g. {@code calicoctl/3.1.0}, see {@link io.calicoj.kube.connection.UserAgent}
     * @param requestTimeout per request, from sending it to the end of the answer
     * @throws ConfigException when the URL is not an http(s) URL, or the CA, certificate or key cannot be used
     */
    public static KubeHttpClient create(KubeConnection connection, String userAgent, Duration requestTimeout) {
        return create(connection, userAgent, requestTimeout, null);
    }

    /**
     * The same, with TLS by the provider {@code tls} gives (see {@link KubeTls#context(KubeConnection, Supplier)});
     * {@code null} for the JDK's own TLS.
     */
    public static KubeHttpClient create(KubeConnection connection, String userAgent, Duration requestTimeout,
                                        Supplier<Provider> tls) {
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        String base = connection.server().endsWith("/")
                ? connection.server().substring(0, connection.server().length() - 1) : connection.server();
        URI uri;
        try {
            uri = URI.create(base);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid Kubernetes API server URL \"" + base + "\": " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            throw new ConfigException("invalid Kubernetes API server URL \"" + base + "\": expected https://<host>[:<port>]");
        }
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT);
        if (scheme.equals("https")) {
            b.sslContext(KubeTls.context(connection, tls));
        } else {
            withoutTls(b);
        }
        String server = scheme + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        HttpClient http = b.build();
        return new KubeHttpClient(http, http instanceof AutoCloseable ? null : selectorThread(http), base, server,
                connection.bearerToken(), userAgent, requestTimeout);
    }

    /**
     * A plain-HTTP server (such as {@code kubectl proxy} on {@code http://127.0.0.1:8001}) needs no TLS,
     * but a client built without a TLS context initialises the JDK's default one (reading its whole
     * trust store), and any context of the JDK's sets up all of JSSE first. With a context that
     * refuses TLS ({@link PlainHttpContext}) and explicit parameters, the client does neither.
     */
    private static void withoutTls(HttpClient.Builder b) {
        b.sslContext(new PlainHttpContext()).sslParameters(new SSLParameters());
    }

    /**
     * The selector thread of a Java 17-20 client, {@code HttpClient-<id>-SelectorManager}, whose id
     * the client's {@code toString()} ends with ({@code …HttpClientImpl@1b2c3d(7)}); {@code null}
     * when it cannot be told.
     */
    private static Thread selectorThread(HttpClient http) {
        Matcher m = CLIENT_ID.matcher(String.valueOf(http));
        if (!m.find()) {
            return null;
        }
        String name = "HttpClient-" + m.group(1) + "-SelectorManager";
        ThreadGroup group = Thread.currentThread().getThreadGroup();
        Thread[] threads = new Thread[group.activeCount() + 8];
        int n = group.enumerate(threads, false);
        for (int i = 0; i < n; i++) {
            if (threads[i].getName().equals(name)) {
                return threads[i];
            }
        }
        return null;
    }

    /**
     * Stops the client's threads (any request still running fails). On Java 21 and later the
     * client shuts down; on Java 17-20, which have no way to, its selector thread is interrupted,
     * which ends it (its loop stops when interrupted).
     */
    @Override
    public void close() {
        try {
            if (http instanceof AutoCloseable closeable) {
                closeable.close();
            } else if (selector != null) {
                selector.interrupt();
                selector.join(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.debug("Closing the HTTP client failed: {}", e.toString());
        }
    }

    /** Whether {@code name} is a valid Kubernetes object name (a DNS-1123 subdomain), safe in a path. */
    public static boolean isName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** The API server as {@code scheme://host:port}, for messages. */
    public String server() {
        return server;
    }

    /** The object at {@code path}; empty when the server says 404. */
    public Optional<JsonNode> get(String path) throws KubeApiException {
        HttpResponse<byte[]> r = send(request(path).GET().build());
        return r.statusCode() == 404 ? Optional.empty() : Optional.of(body(r));
    }

    /** The {@code items} of the collection at {@code path} (a 404 is an error: the collection always exists). */
    public List<JsonNode> list(String path) throws KubeApiException {
        JsonNode list = body(send(request(path).GET().build()));
        List<JsonNode> items = new ArrayList<>();
        list.path("items").forEach(items::add);
        return items;
    }

    /** Applies a JSON merge patch (RFC 7386) to the object at {@code path}; empty when it does not exist. */
    public Optional<JsonNode> mergePatch(String path, JsonNode patch) throws KubeApiException {
        HttpRequest req = request(path).header("Content-Type", MERGE_PATCH)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(JsonTrees.write(patch))).build();
        HttpResponse<byte[]> r = send(req);
        return r.statusCode() == 404 ? Optional.empty() : Optional.of(body(r));
    }

    private HttpRequest.Builder request(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("not an absolute path: " + path);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(requestTimeout)
                .header("Accept", "application/json").header("User-Agent", userAgent);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    private HttpResponse<byte[]> send(HttpRequest req) throws KubeApiException {
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            if (log.isDebugEnabled()) {
                log.debug("{} {}: HTTP {} in {} ms", req.method(), req.uri().getRawPath(), r.statusCode(),
                        (System.nanoTime() - start) / 1_000_000);
            }
            return r;
        } catch (IOException e) {
            Throwable tls = e;
            while (tls != null && !(tls instanceof SSLException)) {
                tls = tls.getCause();
            }
            if (tls != null) {
                throw new KubeApiException(KubeApiException.Kind.TLS, 0, server, "cannot reach Kubernetes API server "
                        + server + ": TLS failed (check its CA and address): " + tls.getMessage(), null);
            }
            throw new KubeApiException(KubeApiException.Kind.UNREACHABLE, 0, server,
                    "cannot reach Kubernetes API server " + server + ": " + rootCause(e), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubeApiException(KubeApiException.Kind.UNREACHABLE, 0, server,
                    "cannot reach Kubernetes API server " + server + ": interrupted", e);
        }
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /** The JSON object of a 2xx answer; any other status is a {@link KubeApiException.Kind#STATUS} failure. */
    private JsonNode body(HttpResponse<byte[]> r) throws KubeApiException {
        int s = r.statusCode();
        if (s < 200 || s >= 300) {
            String message = statusMessage(r.body());
            throw new KubeApiException(KubeApiException.Kind.STATUS, s, server, "Kubernetes API server " + server
                    + " answered HTTP " + s + (message.isEmpty() ? "" : ": " + message), null);
        }
        try {
            JsonNode node = JsonTrees.parse(r.body());
            if (node.isObject()) {
                return node;
            }
        } catch (JacksonException e) {
            // Reported below.
        }
        throw new KubeApiException(KubeApiException.Kind.BAD_RESPONSE, 0, server, "Kubernetes API server " + server
                + " answered " + r.request().method() + " " + r.request().uri().getRawPath() + " with something that is not a JSON object",
                null);
    }

    /** The {@code message} of a Kubernetes Status body, or nothing. */
    private static String statusMessage(byte[] body) {
        try {
            return JsonTrees.parse(body).path("message").asString("");
        } catch (JacksonException e) {
            return "";
        }
    }
}
