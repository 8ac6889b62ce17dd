package io.calicoj.cni.plugin;

import io.calicoj.cni.logging.Logging;
import io.calicoj.cni.tls.NativeTls;
import io.calicoj.kube.connection.KubeConnection;
import io.calicoj.datastore.config.ConfigException;
import io.calicoj.datastore.config.DatastoreConfigLoader;
import io.calicoj.kube.connection.InClusterEnvironment;
import io.calicoj.kube.connection.KubeConnections;
import io.calicoj.datastore.config.KubernetesSettings;
import io.calicoj.kube.tls.TlsAhead;
import io.calicoj.exec.CommandRunner;
import io.calicoj.exec.ProcessCommandRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The {@code calico} CNI plugin executable. The runtime (kubelet, containerd, CRI-O) runs it once
 * per pod start (ADD) and stop (DEL), with {@code CNI_*} variables and the network configuration on
 * stdin; the result or error goes to stdout as JSON, logs to stderr.
 */
public final class CalicoCni {

    /** The commands that call the Kubernetes API (pod annotations, the node's pod CIDR). */
    private static final Set<String> API_COMMANDS = Set.of("ADD", "DEL");

    private static boolean callsApi(Map<String, String> env) {
        return API_COMMANDS.contains(env.getOrDefault("CNI_COMMAND", ""));
    }

    private CalicoCni() {
    }

    public static void main(String[] args) {
        Logging.install();
        if (args.length > 0 && (args[0].equals("-v") || args[0].equals("--version"))) {
            System.out.println(versionText());
            System.exit(0);
        }
        Map<String, String> env = System.getenv();
        if (callsApi(env)) {
            // The API server is spoken to over TLS: its cold start-up work begins now, on other threads.
            TlsAhead.start();
            NativeTls.loadAhead();
        }
        CniPlugin.Outcome outcome = run(env, System.in, standardContext(env));
        exit(outcome, System.out);
    }

    /** Prints the outcome and ends the process (without waiting for the HTTP client's threads). */
    static void exit(CniPlugin.Outcome outcome, PrintStream out) {
        if (!outcome.stdout().isEmpty()) {
            out.println(outcome.stdout());
        }
        out.flush();
        System.exit(outcome.exitCode());
    }

    /**
     * One invocation: reads stdin (not for VERSION), sets the log level from the configuration, starts
     * opening the API connection and runs.
     */
    public static CniPlugin.Outcome run(Map<String, String> env, InputStream in, PluginContext ctx) {
        String stdin = "";
        if (!"VERSION".equals(env.get("CNI_COMMAND"))) {
            try {
                stdin = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return new CniPlugin.Outcome(1, CniPlugin.error(CniVersions.LATEST,
                        new CniException(CniException.IO_FAILURE, "error reading from stdin: " + e.getMessage())));
            }
        }
        // The level first, so that the connection's thread logs at it too (both need the same JSON parser,
        // whose cold start-up is most of either's parse: the connection does not start later for it).
        Logging.configure(Logging.levelOf(stdin));
        if (callsApi(env)) {
            ctx.kube().connectAhead(stdin);
        }
        return new CniPlugin(ctx).run(env, stdin);
    }

    /**
     * The real collaborators: processes for IPAM and iproute2, /proc/sys, the JDK HTTP client (TLS by
     * {@link NativeTls}), pod CIDRs cached next to host-local's data.
     */
    static PluginContext standardContext(Map<String, String> env) {
        CommandRunner runner = new ProcessCommandRunner(Duration.ofSeconds(60));
        return context(env, runner, runner, new Sysctls(Sysctls.PROC_SYS), HostName.SYSTEM,
                new PodCidrFiles(PodCidrFiles.HOST_LOCAL_DATA_DIR));
    }

    /**
     * The collaborators on the given processes and files. The class-data archive's training run builds
     * its context here too: a lambda the training does not run is made at run time, 1-5 ms each in a
     * fresh JVM.
     */
    public static PluginContext context(Map<String, String> env, CommandRunner ipam, CommandRunner iproute, Sysctls sysctls,
                                 HostName hostName, PodCidrCache podCidrs) {
        return new PluginContext(env, new ExecIpam(ipam), new IprouteNetworkSetup(iproute, sysctls),
                new KubeApiAhead(conf -> new JdkKubeApi(connection(conf, env), NativeTls::provider)), hostName, podCidrs);
    }

    /** One way to reach the API for every program: the shared resolver, fed the netconf over the environment. */
    static KubeConnection connection(NetConf conf, Map<String, String> env) throws CniException {
        try {
            KubernetesSettings fromEnv = DatastoreConfigLoader.fromEnvironment(env).kubernetes();
            return KubeConnections.resolve(conf.kubernetesSettings(fromEnv), InClusterEnvironment.of(env));
        } catch (ConfigException e) {
            throw new CniException(CniException.INVALID_NETWORK_CONFIG, e.getMessage());
        }
    }

    static String versionText() {
        String v = CalicoCni.class.getPackage().getImplementationVersion();
        return "Calico/J CNI plugin " + (v == null ? "(development build)" : v)
                + ", CNI spec versions " + String.join(", ", CniVersions.SUPPORTED);
    }
}
