package io.calicoj.cni.training;

import io.calicoj.cni.logging.Logging;
import io.calicoj.cni.plugin.CalicoCni;
import io.calicoj.cni.plugin.CalicoKubeconfig;
import io.calicoj.cni.plugin.CniPlugin;
import io.calicoj.cni.plugin.HostName;
import io.calicoj.cni.plugin.PluginContext;
import io.calicoj.cni.plugin.PodCidrFiles;
import io.calicoj.cni.plugin.Sysctls;
import io.calicoj.cni.tls.NativeTls;
import io.calicoj.kube.tls.TlsAhead;
import io.calicoj.exec.Command;
import io.calicoj.exec.CommandFailedException;
import io.calicoj.exec.CommandResult;
import io.calicoj.exec.CommandRunner;
import io.calicoj.exec.Launch;
import io.calicoj.exec.ProcessCommandRunner;
import io.calicoj.exec.ProcessLauncher;
import io.calicoj.exec.RunningProcess;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The training run behind the plugin's class-data archive ({@code src/main/scripts/build-cds.sh},
 * and install-cni's, made where it installs the plugin): VERSION, ADD, CHECK, DEL and an error,
 * through the real code paths (the JSON kubeconfig install-cni writes, TLS with a CA and a token, the JDK
 * HTTP client, the IPAM plugin as a process, JSON, the pod CIDR cache missed and then hit, the
 * background threads) against API servers in another JVM ({@link TrainingApiServers}, so that
 * the archive holds only what the plugin runs) and a fake IPAM script. Only
 * {@code ip}/{@code nsenter} and {@code /proc/sys} are simulated, so it needs neither root nor a
 * cluster. Not part of the plugin's behaviour.
 *
 * <p>Real TLS handshakes are most of what a fresh plugin process spends, so they are trained with
 * both kinds of server certificate an API server has: ECDSA P-256 and RSA 2048 (kubeadm's). The
 * certificates are made with the running JDK's {@code keytool}; without one the servers speak HTTP.
 *
 * <p>Usage: {@code CdsTraining <work dir>}.
 */
public final class CdsTraining {

    private static final String NODE = TrainingApiServers.NODE;
    private static final String POD_ARGS = "IgnoreUnknown=1;K8S_POD_NAMESPACE=default;K8S_POD_NAME=training;"
            + "K8S_POD_INFRA_CONTAINER_ID=0123456789abcdef";
    private static final String IP_LINK = "2: eth0@if9: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1440 qdisc noqueue state UP"
            + " mode DEFAULT group default qlen 1000\\    link/ether 4a:1b:2c:3d:4e:5f brd ff:ff:ff:ff:ff:ff\n";
    private static final String PASSWORD = TrainingApiServers.PASSWORD;

    /** The server key algorithms trained, as keytool names them. */
    private static final List<List<String>> KEYS = List.of(
            List.of("ec", "-keyalg", "EC", "-groupname", "secp256r1"),
            List.of("rsa", "-keyalg", "RSA", "-keysize", "2048"));

    private CdsTraining() {
    }

    public static void main(String[] args) throws Exception {
        // As CalicoCni.main does first, so that the archive holds the logging and TLS code the plugin runs.
        Logging.install();
        TlsAhead.start();
        NativeTls.loadAhead();
        Path work = Path.of(args.length > 0 ? args[0] : Files.createTempDirectory("calicoj-cds").toString());
        boolean tls = makeKeystores(work);
        List<String> names = tls ? KEYS.stream().map(k -> k.get(0)).toList() : List.of("http");
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), TrainingApiServers.class.getName(), work.toString()));
        argv.addAll(names);
        RunningProcess servers = new ProcessLauncher().start(Launch.piped(Command.of(argv)));
        boolean ok = true;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(servers.stdout(), StandardCharsets.UTF_8))) {
            Map<String, String> urls = new HashMap<>();
            for (String line = lines.readLine(); line != null && !line.equals("ready"); line = lines.readLine()) {
                String[] nameUrl = line.split(" ", 2);
                urls.put(nameUrl[0], nameUrl[1]);
            }
            for (String name : names) {
                String url = urls.get(name);
                if (url == null) {
                    throw new IOException("training: the API servers did not start (" + name + ")");
                }
                ok &= train(work, url, name, tls ? Files.readString(work.resolve(name + ".pem")) : "");
            }
        } finally {
            servers.stdin().close();
            if (!servers.waitFor(Duration.ofSeconds(10))) {
                servers.kill();
            }
        }
        System.exit(ok ? 0 : 1);
    }

    /**
     * A self-signed server certificate for localhost per key algorithm; false when there is no keytool.
     *
     * @throws IOException when keytool is there but fails: an archive trained without TLS would leave the
     *     plugin's handshake cold, so no archive is better than that one
     */
    private static boolean makeKeystores(Path work) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        if (!Files.isExecutable(keytool)) {
            return false;
        }
        ProcessCommandRunner runner = new ProcessCommandRunner();
        for (List<String> key : KEYS) {
            String p12 = work.resolve(key.get(0) + ".p12").toString();
            // keytool refuses to add a second "server" to a key store an earlier run left here.
            Files.deleteIfExists(Path.of(p12));
            Files.deleteIfExists(work.resolve(key.get(0) + ".pem"));
            List<String> generate = new ArrayList<>(List.of(keytool.toString(), "-genkeypair", "-keystore", p12, "-storetype",
                    "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD, "-alias", "server", "-dname", "CN=localhost",
                    "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2"));
            generate.addAll(key.subList(1, key.size()));
            if (!keytool(runner, generate) || !keytool(runner, List.of(keytool.toString(), "-exportcert", "-rfc", "-keystore",
                    p12, "-storepass", PASSWORD, "-alias", "server", "-file", work.resolve(key.get(0) + ".pem").toString()))) {
                throw new IOException("training: no " + key.get(0) + " server certificate (keytool failed), so no TLS to train");
            }
        }
        return true;
    }

    private static boolean keytool(ProcessCommandRunner runner, List<String> argv) {
        try {
            CommandResult r = runner.run(Command.of(argv));
            if (!r.succeeded()) {
                System.err.println("training: keytool failed: " + r.stderr().strip());
            }
            return r.succeeded();
        } catch (CommandFailedException e) {
            System.err.println("training: keytool cannot run: " + e.getMessage());
            return false;
        }
    }

    /** @return whether ADD, CHECK, DEL and VERSION all succeeded (else the archive misses their classes) */
    private static boolean train(Path work, String server, String name, String caPem) throws IOException {
        Path kubeconfig = work.resolve("calico-kubeconfig-" + name);
        Files.writeString(kubeconfig, CalicoKubeconfig.json(server, caPem, "training-token"));
        Path bin = Files.createDirectories(work.resolve("bin"));
        Path ipam = bin.resolve("host-local");
        Files.writeString(ipam, "#!/bin/sh\ncat >/dev/null\nif [ \"$CNI_COMMAND\" = ADD ]; then\n"
                + "echo '{\"cniVersion\":\"1.0.0\",\"ips\":[{\"address\":\"10.255.0.2/24\",\"gateway\":\"10.255.0.1\"}],\"dns\":{}}'\n"
                + "fi\n");
        Files.setPosixFilePermissions(ipam, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path procSys = work.resolve("proc-sys");
        String host = io.calicoj.model.k8s.VethNames.hostInterfaceName("default", "training");
        Files.createDirectories(procSys.resolve("net/ipv4/conf").resolve(host));
        Files.createDirectories(procSys.resolve("net/ipv4/neigh").resolve(host));
        Path dataDir = work.resolve("ipam-" + name);

        String config = "{\"cniVersion\": \"1.0.0\", \"name\": \"k8s-pod-network\", \"type\": \"calico\","
                + " \"log_level\": \"info\", \"datastore_type\": \"kubernetes\", \"nodename\": \"" + NODE + "\", \"mtu\": 1440,"
                + " \"ipam\": {\"type\": \"host-local\", \"subnet\": \"usePodCidr\", \"dataDir\": \"" + dataDir
                + "\"}, \"policy\": {\"type\": \"k8s\"},"
                + " \"kubernetes\": {\"kubeconfig\": \"" + kubeconfig + "\"}}";
        Map<String, String> env = new HashMap<>();
        env.put("CNI_CONTAINERID", "0123456789abcdef");
        // A stand-in for the pod's namespace file: ip and nsenter are simulated, only its existence is checked.
        env.put("CNI_NETNS", Files.writeString(work.resolve("netns"), "").toString());
        env.put("CNI_IFNAME", "eth0");
        env.put("CNI_PATH", bin.toString());
        env.put("CNI_ARGS", POD_ARGS);

        CommandRunner ip = command -> new CommandResult(command, 0, command.stdin().contains(" show")
                ? IP_LINK + "10.255.0.2 scope link\n    inet 10.255.0.2/32 scope global eth0\ndefault via 169.254.1.1 dev eth0\n" : "", "");
        CommandRunner processes = new ProcessCommandRunner();
        // The plugin's own context (its lambdas land in the archive); the node name comes from the configuration.
        Function<Map<String, String>, PluginContext> context = e -> CalicoCni.context(e, processes, ip, new Sysctls(procSys),
                HostName.SYSTEM, new PodCidrFiles(dataDir));

        // The first ADD asks for the node's pod CIDR, the second finds it cached.
        String addResult = invoke("ADD", env, config, context);
        String prev = config.replaceFirst("\\{", "{\"prevResult\": " + (addResult.isEmpty() ? "{}" : addResult) + ",");
        boolean ok = !addResult.isEmpty() & !invoke("CHECK", env, prev, context).isEmpty()
                & !invoke("DEL", env, config, context).isEmpty() & !invoke("ADD", env, config, context).isEmpty()
                & !invoke("DEL", env, config, context).isEmpty() & !invoke("VERSION", env, "", context).isEmpty();
        invoke("ADD", env, "{\"cniVersion\": ", context);
        return ok;
    }

    private static String invoke(String command, Map<String, String> env, String stdin,
                                 Function<Map<String, String>, PluginContext> context) {
        Map<String, String> e = new HashMap<>(env);
        e.put("CNI_COMMAND", command);
        InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        CniPlugin.Outcome outcome = CalicoCni.run(e, in, context.apply(e));
        System.err.println("training " + command + ": exit " + outcome.exitCode() + " " + outcome.stdout());
        return outcome.exitCode() != 0 ? "" : outcome.stdout().isEmpty() ? "ok" : outcome.stdout();
    }
}
