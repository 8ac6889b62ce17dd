package io.calicoj.cli;

import io.calicoj.cli.codec.ResourceEncoder;
import io.calicoj.cli.codec.YamlWriter;
import io.calicoj.exec.Command;
import io.calicoj.exec.CommandFailedException;
import io.calicoj.exec.Launch;
import io.calicoj.exec.ProcessLauncher;
import io.calicoj.exec.RunningProcess;
import io.calicoj.kube.tls.TlsAhead;
import io.calicoj.model.Cidr;
import io.calicoj.model.IpPool;
import io.calicoj.model.ObjectMeta;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The training run behind calicoctl's class-data archives ({@code cli/src/main/scripts/build-cds.sh}):
 * runs calicoctl's common commands in this JVM so the archive holds the classes they load. It
 * needs no cluster: {@link TrainingApiServer}, which this starts in another JVM so that its HTTP
 * server classes stay out of the archive, answers the Kubernetes API calls. Output is discarded.
 */
public final class CdsTraining {

    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException, InterruptedException, CommandFailedException {
        RunningProcess server = new ProcessLauncher().start(Launch.piped(Command.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), TrainingApiServer.class.getName())));
        try (BufferedReader out = new BufferedReader(new InputStreamReader(server.stdout(), StandardCharsets.UTF_8))) {
            String url = out.readLine();
            String tlsUrl = out.readLine();
            if (url == null || !url.startsWith("http://") || tlsUrl == null || !tlsUrl.startsWith("https://")) {
                throw new IOException("training: the API server did not start");
            }
            train(url, tlsUrl);
        } finally {
            server.stdin().close();
            if (!server.waitFor(Duration.ofSeconds(10))) {
                server.kill();
            }
        }
        System.exit(0);
    }

    /**
     * Runs the commands against the API server at {@code url}, and one against {@code tlsUrl}, which
     * hangs up after the ClientHello.
     */
    private static void train(String url, String tlsUrl) throws IOException {
        Path tmp = Files.createTempDirectory("calicoctl-cds");
        try {
            Path file = tmp.resolve("pools.yaml");
            Files.writeString(file, YamlWriter.write(ResourceEncoder.encodeList(io.calicoj.model.ResourceKind.IP_POOL,
                    List.of(new IpPool(ObjectMeta.named("p1"),
                            new IpPool.Spec(Cidr.parse("10.9.0.0/16"), "Never", "Never", true, false, "all()", 26))))));
            // As the install page has it: DATASTORE_TYPE=kubernetes and a kubeconfig (YAML, with a token).
            Path kubeconfig = tmp.resolve("kubeconfig");
            Files.writeString(kubeconfig, String.join("\n", "apiVersion: v1", "kind: Config", "clusters:", "- name: training",
                    "  cluster:", "    server: " + url, "contexts:", "- name: training", "  context:",
                    "    cluster: training", "    user: training", "current-context: training", "users:", "- name: training",
                    "  user:", "    token: training-token", ""));
            Map<String, String> env = new HashMap<>();
            env.put("DATASTORE_TYPE", "kubernetes");
            env.put("KUBECONFIG", kubeconfig.toString());
            Map<String, String> endpointEnv = new HashMap<>(env);
            endpointEnv.remove("KUBECONFIG");
            endpointEnv.put("K8S_API_ENDPOINT", url);
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
            // As Calicoctl.main does first.
            TlsAhead.start();
            for (String[] command : commands) {
                for (int i = 0; i < 3; i++) {
                    run(command, env);
                }
            }
            run(new String[] {"get", "workloadendpoints", "-c", cfg}, endpointEnv);
            // Clusters speak HTTPS, which the plain-HTTP runs above never set up: calicoctl builds its
            // TLS client and sends a ClientHello (the handshake then fails).
            Map<String, String> httpsEnv = new HashMap<>(endpointEnv);
            httpsEnv.put("K8S_API_ENDPOINT", tlsUrl);
            run(new String[] {"get", "workloadendpoints", "-c", cfg}, httpsEnv);
        } finally {
            try (var files = Files.list(tmp)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(tmp);
        }
    }

    /** Runs one command line as {@link Calicoctl#main} does, its output discarded. */
    private static void run(String[] command, Map<String, String> env) {
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        try (DatastoreClients clients = new DatastoreClients(env)) {
            clients.openAhead(command);
            Calicoctl.run(command, new CliContext(env, new ByteArrayInputStream(new byte[0]), nowhere, nowhere, clients));
        }
    }
}
