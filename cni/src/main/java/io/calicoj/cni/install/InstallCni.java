package io.calicoj.cni.install;

import io.calicoj.cni.plugin.CalicoKubeconfig;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code install-cni} container: installs the {@code calico} plugin (a launcher script, its
 * jars and a class-data archive made in place: {@link PluginInstaller}) into the CNI bin directory,
 * writes the network configuration from {@code CNI_NETWORK_CONFIG} with Calico's placeholders filled
 * in ({@link NetworkConfig}), and a kubeconfig with the service account's token and CA for the
 * plugin. Both files are 0600; the token is never printed. Unless {@code SLEEP=false} it then
 * sleeps, as Calico's does.
 *
 * <p>Environment (defaults in brackets): {@code CNI_BIN_DIR} [/host/opt/cni/bin],
 * {@code CNI_NET_DIR} [/host/etc/cni/net.d], {@code CNI_CONF_NAME} [10-calico.conflist],
 * {@code CNI_NETWORK_CONFIG} (or {@code CNI_NETWORK_CONFIG_FILE}) [a policy-only conflist with
 * host-local usePodCidr], {@code CNI_MTU} [1500], {@code KUBERNETES_NODE_NAME} [host name],
 * {@code KUBERNETES_SERVICE_HOST}/{@code _PORT}/{@code _PROTOCOL}, {@code KUBECONFIG_FILEPATH}
 * [the kubeconfig's path as the host sees it: CNI_NET_DIR without its /host prefix],
 * {@code SKIP_CNI_BINARIES}, {@code UPDATE_CNI_BINARIES} [true], {@code SLEEP} [true],
 * {@code CALICOJ_CNI_JAVA} [the newest JDK found], {@code CALICOJ_CNI_JAVA_OPTS} [none: extra
 * options baked into the launcher], {@code CALICOJ_SERVICE_ACCOUNT_DIR}
 * [/var/run/secrets/kubernetes.io/serviceaccount].
 */
public final class InstallCni {

    static final String KUBECONFIG_NAME = "calico-kubeconfig";

    private final Map<String, String> env;
    private final PrintStream out;
    private final PluginInstaller plugin;

    InstallCni(Map<String, String> env, PrintStream out, ArchiveBuilder archives) {
        this.env = env;
        this.out = out;
        this.plugin = new PluginInstaller(env, out, archives);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        InstallCni install = new InstallCni(env, System.out, new TrainingArchiveBuilder());
        try {
            install.run(pluginSource());
        } catch (InstallException e) {
            System.err.println("install-cni: " + e.getMessage());
            System.exit(1);
        }
        if (!"false".equalsIgnoreCase(env.getOrDefault("SLEEP", "true"))) {
            System.out.println("install-cni: done; sleeping (SLEEP=false exits instead)");
            while (true) {
                Thread.sleep(Long.MAX_VALUE);
            }
        }
        System.exit(0);
    }

    /** The directory holding the plugin's jar and its lib/ (where this class was loaded from). */
    static Path pluginSource() throws InstallException {
        try {
            Path jar = Path.of(InstallCni.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent();
        } catch (URISyntaxException | SecurityException e) {
            throw new InstallException("cannot find the plugin's own jar: " + e.getMessage());
        }
    }

    void run(Path source) throws InstallException {
        Path binDir = Path.of(env.getOrDefault("CNI_BIN_DIR", "/host/opt/cni/bin"));
        Path netDir = Path.of(env.getOrDefault("CNI_NET_DIR", "/host/etc/cni/net.d"));
        String confName = env.getOrDefault("CNI_CONF_NAME", "10-calico.conflist");
        if (confName.contains("/") || confName.startsWith(".")) {
            throw new InstallException("CNI_CONF_NAME: invalid file name \"" + confName + "\"");
        }
        plugin.install(source, binDir);
        ServiceAccount sa = ServiceAccount.read(Path.of(env.getOrDefault("CALICOJ_SERVICE_ACCOUNT_DIR",
                "/var/run/secrets/kubernetes.io/serviceaccount")));
        Path kubeconfig = netDir.resolve(KUBECONFIG_NAME);
        InstallFiles.writePrivate(kubeconfig, kubeconfig(sa));
        out.println("install-cni: wrote " + kubeconfig + " (0600; token and CA of the service account)");
        String rendered = new NetworkConfig(env).rendered(sa, netDir);
        Path conf = netDir.resolve(confName);
        InstallFiles.writePrivate(conf, rendered);
        out.println("install-cni: wrote " + conf + " (0600):");
        out.println(sa.redact(rendered));
    }

    /** Modern Calico's calico-kubeconfig: the in-cluster server, the service account's CA (or no verification without one) and token. */
    private String kubeconfig(ServiceAccount sa) throws InstallException {
        String host = env.getOrDefault("KUBERNETES_SERVICE_HOST", "");
        String port = env.getOrDefault("KUBERNETES_SERVICE_PORT", "");
        if (host.isEmpty() || port.isEmpty()) {
            throw new InstallException("KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be set (they are in a pod)");
        }
        String protocol = env.getOrDefault("KUBERNETES_SERVICE_PROTOCOL", "https").toLowerCase(Locale.ROOT);
        return CalicoKubeconfig.json(protocol + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port,
                sa.caPem(), sa.token());
    }
}
