package io.calicoj.datastore.kubernetes;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * An HTTPS endpoint that answers {@code GET /api/v1/namespaces} with one namespace, optionally
 * requiring a client certificate from its CA, and records who connected (client certificate
 * subject, Authorization header). Enough to prove that certificates, keys and CAs are used.
 */
final class TlsApiServer implements AutoCloseable {

    static final String NAMESPACE = "tls-ok";
    private static final String BODY = "{\"apiVersion\":\"v1\",\"kind\":\"NamespaceList\",\"metadata\":{\"resourceVersion\":\"7\"},"
            + "\"items\":[{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + NAMESPACE
            + "\",\"uid\":\"u1\",\"resourceVersion\":\"7\"}}]}";

    private final HttpsServer server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private volatile String clientSubject;
    private volatile String authorization;

    TlsApiServer(SSLContext context, boolean requireClientCertificate) throws IOException {
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = context.getDefaultSSLParameters();
                p.setNeedClientAuth(requireClientCertificate);
                params.setSSLParameters(p);
            }
        });
        server.createContext("/api/v1/namespaces", exchange -> {
            try (exchange) {
                HttpsExchange https = (HttpsExchange) exchange;
                try {
                    Principal peer = https.getSSLSession().getPeerPrincipal();
                    clientSubject = peer.getName();
                } catch (SSLPeerUnverifiedException e) {
                    clientSubject = null;
                }
                authorization = exchange.getRequestHeaders().getFirst("Authorization");
                byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    /** {@code https://localhost:<port>}. */
    String url() {
        return "https://localhost:" + port();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The subject of the last client certificate, or {@code null} when the client sent none. */
    String clientSubject() {
        return clientSubject;
    }

    String authorization() {
        return authorization;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
