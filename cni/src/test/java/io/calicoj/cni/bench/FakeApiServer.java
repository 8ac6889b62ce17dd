package io.calicoj.cni.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.calicoj.cni.Sh;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Just enough of a Kubernetes API over HTTPS for the benchmark: GET a node (with a pod CIDR: a node
 * named {@code ...-v<n>} gets {@code 10.79.<n>.0/24}, so variants measured side by side have their own),
 * GET/PATCH (JSON merge patch of annotations) any pod, which springs into existence on first use.
 * A fast, predictable server, so the numbers are the plugin's, not the mock's.
 */
final class FakeApiServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpsServer server;
    private final String podCidr;
    private final Map<String, ObjectNode> annotations = new ConcurrentHashMap<>();
    final Path caPem;

    FakeApiServer(Path dir, String podCidr) throws Exception {
        this.podCidr = podCidr;
        Path p12 = dir.resolve("api.p12");
        caPem = dir.resolve("api-ca.pem");
        Sh.ok("keytool", "-genkeypair", "-keystore", p12.toString(), "-storetype", "PKCS12", "-storepass", "benchmark",
                "-keypass", "benchmark", "-alias", "api", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2");
        Sh.ok("keytool", "-exportcert", "-rfc", "-keystore", p12.toString(), "-storepass", "benchmark", "-alias", "api",
                "-file", caPem.toString());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            ks.load(in, "benchmark".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "benchmark".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        // Like a real API server (Go sets TCP_NODELAY), answer without Nagle's 40 ms stall on the second write.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setHttpsConfigurator(new HttpsConfigurator(ctx));
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/", this::answer);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void answer(HttpExchange x) throws IOException {
        byte[] request = x.getRequestBody().readAllBytes();
        String[] path = x.getRequestURI().getPath().split("/");
        String body;
        int status = 200;
        if (path.length == 5 && path[3].equals("nodes")) {
            java.util.regex.Matcher variant = java.util.regex.Pattern.compile("-v(\\d+)$").matcher(path[4]);
            String cidr = variant.find() ? "10.79." + variant.group(1) + ".0/24" : podCidr;
            body = "{\"kind\":\"Node\",\"metadata\":{\"name\":\"" + path[4] + "\"},\"spec\":{\"podCIDR\":\"" + cidr + "\"}}";
        } else if (path.length == 7 && path[5].equals("pods")) {
            ObjectNode a = annotations.computeIfAbsent(path[4] + "/" + path[6], k -> JSON.createObjectNode());
            if (x.getRequestMethod().equals("PATCH")) {
                JsonNode patch = JSON.readTree(request).path("metadata").path("annotations");
                synchronized (a) {
                    patch.properties().forEach(e -> a.set(e.getKey(), e.getValue()));
                }
            }
            synchronized (a) {
                body = "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + path[6] + "\",\"namespace\":\"" + path[4]
                        + "\",\"annotations\":" + a + "}}";
            }
        } else {
            status = 404;
            body = "{\"kind\":\"Status\",\"message\":\"not found\"}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
