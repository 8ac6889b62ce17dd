package io.calicoj.cni.training;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The API servers {@link CdsTraining} talks to, in a JVM of their own so that the class-data archive
 * holds what the plugin runs and not the servers' classes (a JDK 25 AOT cache loads every class it
 * holds when the plugin starts: ~45 ms less with the servers' classes out). For each name argument:
 * HTTPS with the key store {@code <work dir>/<name>.p12} when it exists, plain HTTP otherwise. Prints
 * {@code <name> <URL>} per server and then {@code ready}, and serves until standard input ends.
 *
 * <p>Usage: {@code TrainingApiServers <work dir> <name>...}.
 */
public final class TrainingApiServers {

    static final String NODE = "training-node";
    static final String PASSWORD = "training";

    private TrainingApiServers() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        for (int i = 1; i < args.length; i++) {
            Path keystore = work.resolve(args[i] + ".p12");
            HttpServer api = apiServer(Files.exists(keystore) ? keystore : null);
            api.start();
            System.out.println(args[i] + " " + (api instanceof HttpsServer ? "https://localhost:" : "http://127.0.0.1:")
                    + api.getAddress().getPort());
        }
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() >= 0) {
            // Serve until the training closes our standard input.
        }
        System.exit(0);
    }

    /** Answers the plugin's node GET, pod GET and pod PATCH; HTTPS with the key store, HTTP without one. */
    private static HttpServer apiServer(Path keystore) throws Exception {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        HttpServer server;
        if (keystore != null) {
            char[] password = PASSWORD.toCharArray();
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                ks.load(in, password);
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            HttpsServer https = HttpsServer.create(address, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(ctx));
            server = https;
        } else {
            server = HttpServer.create(address, 0);
        }
        server.createContext("/", TrainingApiServers::answer);
        return server;
    }

    private static void answer(HttpExchange x) throws IOException {
        x.getRequestBody().readAllBytes();
        String path = x.getRequestURI().getPath();
        String body;
        if (path.equals("/api/v1/nodes/" + NODE)) {
            body = "{\"kind\":\"Node\",\"metadata\":{\"name\":\"" + NODE + "\"},\"spec\":{\"podCIDR\":\"10.255.0.0/24\"}}";
        } else if (path.equals("/api/v1/namespaces/default/pods/training")) {
            body = "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"training\",\"namespace\":\"default\",\"annotations\":"
                    + "{\"cni.projectcalico.org/podIP\":\"10.255.0.2/32\",\"cni.projectcalico.org/containerID\":\"0123456789abcdef\"}}}";
        } else {
            body = "{\"kind\":\"Status\",\"message\":\"not found\"}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(body.contains("\"Status\"") ? 404 : 200, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }
}
