package io.calicoj.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The Kubernetes API that {@link CdsTraining} talks to while calicoctl's class-data archives are
 * built: a read-only HTTP stub on 127.0.0.1 with {@value #PODS} pods (as many as the benchmark's
 * cluster) and a few namespaces, network policies and nodes. Prints its URL on the first line of
 * standard output, on the second the URL of a TLS server that hangs up after the ClientHello, and
 * serves until standard input ends (the training closes it, or dies).
 */
public final class TrainingApiServer {

    static final int PODS = 1000;

    private TrainingApiServer() {
    }

    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", TrainingApiServer::answer);
        server.start();
        System.out.println("http://127.0.0.1:" + server.getAddress().getPort());
        System.out.println("https://127.0.0.1:" + hangUpAfterClientHello());
        System.out.flush();
        while (System.in.read() >= 0) {
            // Serve until the training closes our standard input.
        }
        server.stop(0);
        System.exit(0);
    }

    /**
     * A TLS server that only gets as far as reading a ClientHello, then hangs up: enough for a
     * client to set its TLS up and start a handshake, which then fails at once.
     *
     * @return its port
     */
    private static int hangUpAfterClientHello() throws IOException {
        ServerSocket tls = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (true) {
                try (Socket s = tls.accept()) {
                    s.getInputStream().read(new byte[16 * 1024]);
                } catch (IOException e) {
                    // the next client, then
                }
            }
        }, "training-tls");
        t.setDaemon(true);
        t.start();
        return tls.getLocalPort();
    }

    /** A Kubernetes API server that knows a handful of objects and nothing else. */
    private static void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String[] parts = path.replaceAll("/+$", "").split("/");
        String last = parts[parts.length - 1];
        String body;
        int status = 200;
        if (!exchange.getRequestMethod().equals("GET")) {
            status = 403;
            body = status("Forbidden", "training server is read-only", 403);
        } else if (path.equals("/version")) {
            body = "{\"major\":\"1\",\"minor\":\"30\",\"gitVersion\":\"v1.30.0\"}";
        } else if (last.equals("pods") || last.equals("namespaces") || last.equals("networkpolicies")
                || last.equals("nodes") || last.equals("serviceaccounts")) {
            body = list(last);
        } else if (path.startsWith("/apis/crd.projectcalico.org/")) {
            body = "{\"apiVersion\":\"crd.projectcalico.org/v1\",\"kind\":\"List\",\"metadata\":{\"resourceVersion\":\"1\"},"
                    + "\"items\":[]}";
        } else {
            status = 404;
            body = status("NotFound", path + " not found", 404);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String status(String reason, String message, int code) {
        return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"" + message
                + "\",\"reason\":\"" + reason + "\",\"code\":" + code + "}";
    }

    private static String list(String plural) {
        String kind = switch (plural) {
            case "pods" -> "Pod";
            case "namespaces" -> "Namespace";
            case "networkpolicies" -> "NetworkPolicy";
            case "nodes" -> "Node";
            default -> "ServiceAccount";
        };
        List<String> items = new ArrayList<>();
        int count = plural.equals("pods") ? PODS : 3;
        for (int i = 0; i < count; i++) {
            String ns = "ns" + i % 3;
            String ip = "10.244." + i % 3 + "." + (i / 3 % 250 + 2);
            items.add(switch (plural) {
                case "pods" -> "{\"metadata\":{\"name\":\"pod-" + i + "\",\"namespace\":\"" + ns + "\",\"uid\":\"u" + i
                        + "\",\"resourceVersion\":\"" + (10 + i) + "\",\"labels\":{\"app\":\"web\"}},"
                        + "\"spec\":{\"nodeName\":\"node-" + i % 3 + "\",\"containers\":[{\"name\":\"c\",\"ports\":"
                        + "[{\"name\":\"http\",\"containerPort\":80}]}]},"
                        + "\"status\":{\"phase\":\"Running\",\"podIP\":\"" + ip + "\",\"podIPs\":[{\"ip\":\"" + ip
                        + "\"}]}}";
                case "namespaces" -> "{\"metadata\":{\"name\":\"" + ns + "\",\"uid\":\"n" + i + "\",\"resourceVersion\":\"" + i
                        + "\",\"labels\":{\"team\":\"t" + i + "\"}}}";
                case "networkpolicies" -> "{\"metadata\":{\"name\":\"np-" + i + "\",\"namespace\":\"" + ns
                        + "\",\"resourceVersion\":\"" + (20 + i) + "\"},\"spec\":{\"podSelector\":{\"matchLabels\":"
                        + "{\"app\":\"web\"}},\"ingress\":[{\"from\":[{\"podSelector\":{}},{\"ipBlock\":{\"cidr\":"
                        + "\"10.0.0.0/8\",\"except\":[\"10.1.0.0/16\"]}}],\"ports\":[{\"protocol\":\"TCP\",\"port\":80}]}],"
                        + "\"policyTypes\":[\"Ingress\"]}}";
                case "nodes" -> "{\"metadata\":{\"name\":\"node-" + i + "\",\"resourceVersion\":\"" + (30 + i) + "\"},"
                        + "\"spec\":{\"podCIDR\":\"10.244." + i + ".0/24\"},\"status\":{\"addresses\":[{\"type\":\"InternalIP\","
                        + "\"address\":\"10.240.0." + i + "\"}]}}";
                default -> "{\"metadata\":{\"name\":\"default\",\"namespace\":\"" + ns + "\"}}";
            });
        }
        return "{\"apiVersion\":\"" + (plural.equals("networkpolicies") ? "networking.k8s.io/v1" : "v1") + "\",\"kind\":\""
                + kind + "List\",\"metadata\":{\"resourceVersion\":\"100\"},\"items\":[" + String.join(",", items) + "]}";
    }
}
