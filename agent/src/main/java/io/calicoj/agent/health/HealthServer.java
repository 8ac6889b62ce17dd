package io.calicoj.agent.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * Felix's health endpoint: {@code GET /liveness} and {@code GET /readiness} answer 204 when
 * healthy and 503 otherwise (with the reporters' states as the body), on {@code HealthHost:HealthPort}.
 */
public final class HealthServer implements AutoCloseable {

    private final HttpServer server;

    public HealthServer(HealthAggregator health, String host, int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 16);
        server.createContext("/liveness", ex -> answer(ex, health::live, health));
        server.createContext("/readiness", ex -> answer(ex, health::ready, health));
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "health-http");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** The port actually bound (useful when 0 was asked for). */
    public int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange ex, BooleanSupplier check, HealthAggregator health) throws IOException {
        try (ex) {
            if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
                ex.sendResponseHeaders(405, -1);
                return;
            }
            if (check.getAsBoolean()) {
                ex.sendResponseHeaders(204, -1);
                return;
            }
            byte[] body = (String.join("\n", health.describe()) + "\n").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            ex.sendResponseHeaders(503, ex.getRequestMethod().equals("HEAD") ? -1 : body.length);
            if (!ex.getRequestMethod().equals("HEAD")) {
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(body);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
