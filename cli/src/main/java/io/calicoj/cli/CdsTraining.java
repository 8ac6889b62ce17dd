package io.calicoj.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.calicoj.cli.codec.ResourceEncoder;
import io.calicoj.cli.codec.YamlWriter;
import io.calicoj.model.Cidr;
import io.calicoj.model.IpPool;
import io.calicoj.model.ObjectMeta;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The training run behind calicoctl's class-data archives ({@code cli/src/main/scripts/build-cds.sh}):
 * runs calicoctl's common commands in this JVM so the archive holds the classes they load. It
 * needs no cluster: a small HTTP stub on 127.0.0.1 answers the Kubernetes API calls with a few
 * pods, namespaces, network policies and nodes. Output is discarded.
 */
public final class CdsTraining {

    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", CdsTraining::answer);
        server.start();
        Path tmp = Files.createTempDirectory("calicoctl-cds");
        try {
            Path file = tmp.resolve("pools.yaml");
            Files.writeString(file, YamlWriter.write(ResourceEncoder.encodeList(io.calicoj.model.ResourceKind.IP_POOL,
                    List.of(new IpPool(ObjectMeta.named("p1"),
                            new IpPool.Spec(Cidr.parse("10.9.0.0/16"), "Never", "Never", true, false, "all()", 26))))));
            Map<String, String> env = new HashMap<>();
            env.put("DATASTORE_TYPE", "kubernetes");
            env.put("K8S_API_ENDPOINT", "http://127.0.0.1:" + server.getAddress().getPort());
            String cfg = tmp.resolve("none.cfg").toString();
            List<String[]> commands = new ArrayList<>();
            commands.add(new String[] {"version"});
            commands.add(new String[] {"--help"});
            commands.add(new String[] {"get", "--help"});
            commands.add(new String[] {"get", "workloadendpoints", "-c", cfg});
            commands.add(new String[] {"get", "wep", "-o", "wide", "-c", cfg});
            commands.add(new String[] {"get", "wep", "-A", "-o", "yaml", "-c", cfg});
            commands.add(new String[] {"get", "networkpolicy", "-A", "-o", "json", "-c", cfg});
            commands.add(new String[] {"get", "nodes", "-o", "wide", "-c", cfg});
            commands.add(new String[] {"get", "profiles", "-c", cfg});
            commands.add(new String[] {"get", "-f", file.toString(), "-o", "yaml", "-c", cfg});
            commands.add(new String[] {"apply", "-f", file.toString(), "-c", cfg});
            commands.add(new String[] {"get", "nope", "-c", cfg});
            for (String[] command : commands) {
                for (int i = 0; i < 3; i++) {
                    PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
                    // As Calicoctl.main runs a command.
                    try (DatastoreClients clients = new DatastoreClients(env)) {
                        clients.openAhead(command);
                        Calicoctl.run(command, new CliContext(env, new ByteArrayInputStream(new byte[0]), nowhere, nowhere,
                                clients));
                    }
                }
            }
        } finally {
            server.stop(0);
            try (var files = Files.list(tmp)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(tmp);
        }
        System.exit(0);
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
        for (int i = 0; i < 3; i++) {
            String ns = "ns" + i;
            items.add(switch (plural) {
                case "pods" -> "{\"metadata\":{\"name\":\"pod-" + i + "\",\"namespace\":\"" + ns + "\",\"uid\":\"u" + i
                        + "\",\"resourceVersion\":\"" + (10 + i) + "\",\"labels\":{\"app\":\"web\"}},"
                        + "\"spec\":{\"nodeName\":\"node-" + i + "\",\"containers\":[{\"name\":\"c\",\"ports\":"
                        + "[{\"name\":\"http\",\"containerPort\":80}]}]},"
                        + "\"status\":{\"phase\":\"Running\",\"podIP\":\"10.244." + i + ".5\",\"podIPs\":[{\"ip\":\"10.244."
                        + i + ".5\"}]}}";
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
