package io.calicoj.cni;

import io.calicoj.json.JsonTrees;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code install-cni} container: installs the {@code calico} plugin (a launcher script, its
 * jars and a class-data archive made in place) into the CNI bin directory, writes the network
 * configuration from {@code CNI_NETWORK_CONFIG} with Calico's placeholders filled in, and a
 * kubeconfig with the service account's token and CA for the plugin. Both files are 0600; the
 * token is never printed. Unless {@code SLEEP=false} it then sleeps, as Calico's does.
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

    /**
     * The JVM options of the installed launcher; keep in sync with bin/calico and build-cds.sh. For a
     * process that lives a quarter of a second: C1 only, Serial GC, no perf data file, JVM warnings on
     * stderr (never in the result on stdout), and reflection by the JDK's native accessors (the few
     * reflective calls, Conscrypt's library loading among them, then spin no method-handle classes:
     * ~20 ms less CPU per ADD on JDK 25).
     */
    static final List<String> LAUNCHER_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
            "-Xlog:disable", "-Xlog:all=warning:stderr", "-Djdk.reflect.useNativeAccessorOnly=true");

    static final String PLUGIN_DIR = "calicoj-cni";
    /**
     * JNI libraries the plugin ships (Conscrypt's, for TLS): next to lib/ in the source, and in a
     * directory per version of them under this one in the plugin directory.
     */
    static final String NATIVE_DIR = "native";
    static final String KUBECONFIG_NAME = "calico-kubeconfig";

    static final String DEFAULT_NETWORK_CONFIG = """
            {
              "name": "k8s-pod-network",
              "cniVersion": "0.3.1",
              "plugins": [
                {
                  "type": "calico",
                  "log_level": "info",
                  "datastore_type": "kubernetes",
                  "nodename": "__KUBERNETES_NODE_NAME__",
                  "mtu": __CNI_MTU__,
                  "ipam": {"type": "host-local", "subnet": "usePodCidr"},
                  "policy": {"type": "k8s"},
                  "kubernetes": {"kubeconfig": "__KUBECONFIG_FILEPATH__"}
                }
              ]
            }
            """;

    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

    /** Builds the class-data archive of an installed plugin (a training run); may fail without harm. */
    @FunctionalInterface
    interface ArchiveBuilder {
        /**
         * @param jvmOptions the launcher's JVM options (the archive is made with them)
         * @return the launcher option that uses the archive, or empty when none could be made
         */
        String build(Path java, List<String> jvmOptions, List<String> classPath, Path pluginDir) throws IOException;
    }

    private final Map<String, String> env;
    private final PrintStream out;
    private final ArchiveBuilder archives;

    InstallCni(Map<String, String> env, PrintStream out, ArchiveBuilder archives) {
        this.env = env;
        this.out = out;
        this.archives = archives;
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

    /** The install failed; the message names what and where. */
    static final class InstallException extends Exception {
        InstallException(String message) {
            super(message);
        }
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
        installPlugin(source, binDir);
        ServiceAccount sa = ServiceAccount.read(Path.of(env.getOrDefault("CALICOJ_SERVICE_ACCOUNT_DIR",
                "/var/run/secrets/kubernetes.io/serviceaccount")));
        Path kubeconfig = netDir.resolve(KUBECONFIG_NAME);
        writePrivate(kubeconfig, kubeconfig(sa));
        out.println("install-cni: wrote " + kubeconfig + " (0600; token and CA of the service account)");
        String rendered = render(networkConfigTemplate(), sa, netDir);
        try {
            JsonTrees.parse(rendered);
        } catch (RuntimeException e) {
            throw new InstallException("the network configuration is not valid JSON after substitution"
                    + " (check CNI_NETWORK_CONFIG): " + e.getMessage().lines().findFirst().orElse(""));
        }
        Path conf = netDir.resolve(confName);
        writePrivate(conf, rendered);
        out.println("install-cni: wrote " + conf + " (0600):");
        out.println(redact(rendered, sa));
    }

    // ---- the plugin ----

    private void installPlugin(Path source, Path binDir) throws InstallException {
        if (!Files.isDirectory(binDir) || !Files.isWritable(binDir)) {
            throw new InstallException("CNI_BIN_DIR " + binDir + " is not a writable directory");
        }
        Path launcher = binDir.resolve("calico");
        if (List.of(env.getOrDefault("SKIP_CNI_BINARIES", "").split(",")).contains("calico")) {
            out.println("install-cni: calico is in SKIP_CNI_BINARIES; not installing the plugin");
            return;
        }
        if (Files.exists(launcher) && "false".equalsIgnoreCase(env.getOrDefault("UPDATE_CNI_BINARIES", "true"))) {
            out.println("install-cni: " + launcher + " exists and UPDATE_CNI_BINARIES=false; leaving it");
            return;
        }
        List<Path> jars = sourceJars(source);
        Path pluginDir = binDir.resolve(PLUGIN_DIR);
        Path lib = pluginDir.resolve("lib");
        List<String> classPath = new ArrayList<>();
        try {
            Files.createDirectories(lib);
            for (Path jar : jars) {
                Path target = lib.resolve(jar.getFileName().toString());
                copyAtomically(jar, target);
                classPath.add(target.toAbsolutePath().toString());
            }
            Optional<Path> libraries = installNativeLibraries(source.resolve(NATIVE_DIR), pluginDir.resolve(NATIVE_DIR));
            List<String> jvmOptions = new ArrayList<>(LAUNCHER_OPTIONS);
            jvmOptions.addAll(nativeOptions(libraries));
            Path java = java();
            String archive;
            try {
                archive = archives.build(java, jvmOptions, classPath, pluginDir);
            } catch (IOException e) {
                out.println("install-cni: warning: no class-data archive (the plugin works, but starts slower): " + e.getMessage());
                archive = "";
            }
            writeAtomically(launcher, launcher(java, jvmOptions, archive, classPath), EXECUTABLE);
            removeOtherNativeLibraries(pluginDir.resolve(NATIVE_DIR), libraries);
        } catch (IOException e) {
            throw new InstallException("cannot install the plugin into " + binDir + ": " + e);
        }
        out.println("install-cni: installed " + launcher + " (" + jars.size() + " jars in " + pluginDir + ")");
    }

    /**
     * Copies the JNI libraries of {@code from} (the plugin's {@code native/}) into a directory of
     * {@code nativeRoot} named after their contents, so that a launcher written before keeps loading the
     * libraries it was installed with until it is replaced (a library under the same name but of another
     * version would not fit its jars). Empty when the plugin ships none.
     */
    private static Optional<Path> installNativeLibraries(Path from, Path nativeRoot) throws IOException {
        if (!Files.isDirectory(from)) {
            return Optional.empty();
        }
        List<Path> libraries;
        try (Stream<Path> s = Files.list(from)) {
            libraries = s.filter(p -> p.getFileName().toString().endsWith(".so") && Files.isRegularFile(p)).sorted().toList();
        }
        if (libraries.isEmpty()) {
            return Optional.empty();
        }
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("no SHA-256 in this Java runtime", e);
        }
        for (Path library : libraries) {
            digest.update(library.getFileName().toString().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(Files.readAllBytes(library));
        }
        Path dir = nativeRoot.resolve(HexFormat.of().formatHex(digest.digest()).substring(0, 16));
        Files.createDirectories(dir);
        for (Path library : libraries) {
            copyAtomically(library, dir.resolve(library.getFileName()));
        }
        return Optional.of(dir);
    }

    /** The JVM options that let the plugin load the libraries in {@code dir}; none without libraries. */
    private static List<String> nativeOptions(Optional<Path> dir) {
        return dir.map(d -> List.of("--enable-native-access=ALL-UNNAMED", "-Djava.library.path=" + d.toAbsolutePath()))
                .orElse(List.of());
    }

    /**
     * Once the new launcher is in place: removes from {@code nativeRoot} everything but {@code keep} (other
     * versions' libraries). A failure only leaves files behind, so it is reported and the install goes on.
     */
    private void removeOtherNativeLibraries(Path nativeRoot, Optional<Path> keep) {
        if (!Files.isDirectory(nativeRoot)) {
            return;
        }
        try (Stream<Path> s = Files.list(nativeRoot)) {
            for (Path old : s.filter(p -> keep.isEmpty() || !p.equals(keep.get())).toList()) {
                deleteRecursively(old);
            }
        } catch (IOException e) {
            out.println("install-cni: warning: cannot remove old native libraries from " + nativeRoot + ": " + e);
        }
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> s = Files.list(p)) {
                for (Path child : s.toList()) {
                    deleteRecursively(child);
                }
            }
        }
        Files.deleteIfExists(p);
    }

    /** The plugin jar first, then its dependencies, sorted: the launcher's class path, fixed at install. */
    private static List<Path> sourceJars(Path source) throws InstallException {
        List<Path> jars = new ArrayList<>();
        try (Stream<Path> s = Files.list(source)) {
            s.filter(p -> p.getFileName().toString().matches("calicoj-cni-.*\\.jar") && !p.toString().endsWith("-tests.jar"))
                    .forEach(jars::add);
        } catch (IOException e) {
            throw new InstallException("cannot list " + source + ": " + e);
        }
        if (jars.size() != 1) {
            throw new InstallException("expected one calicoj-cni jar in " + source + ", found " + jars);
        }
        try (Stream<Path> s = Files.list(source.resolve("lib"))) {
            s.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(jars::add);
        } catch (IOException e) {
            throw new InstallException("cannot list " + source.resolve("lib") + ": " + e);
        }
        return jars;
    }

    /** {@code CALICOJ_CNI_JAVA}, else the newest JDK known here, else the one running this. */
    private Path java() {
        String configured = env.getOrDefault("CALICOJ_CNI_JAVA", "");
        if (!configured.isEmpty()) {
            return Path.of(configured);
        }
        for (String j : List.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java", "/usr/lib/jvm/java-25-openjdk-amd64/bin/java")) {
            if (Files.isExecutable(Path.of(j))) {
                return Path.of(j);
            }
        }
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    String launcher(Path java, List<String> jvmOptions, String archiveOption, List<String> classPath) {
        List<String> opts = new ArrayList<>(jvmOptions);
        String extra = env.getOrDefault("CALICOJ_CNI_JAVA_OPTS", "").trim();
        if (!extra.isEmpty()) {
            opts.addAll(List.of(extra.split("\\s+")));
        }
        if (!archiveOption.isEmpty()) {
            opts.add(archiveOption);
        }
        return "#!/bin/sh\n"
                + "# The calico CNI plugin (Calico/J), installed by install-cni. The class path and the class-data\n"
                + "# archive are fixed at install time: an archive only works for exactly this class path.\n"
                + "exec " + shellQuote(java.toString()) + " " + String.join(" ", opts.stream().map(InstallCni::shellQuote).toList())
                + " -cp " + shellQuote(String.join(":", classPath)) + " io.calicoj.cni.CalicoCni \"$@\"\n";
    }

    static String shellQuote(String s) {
        if (s.matches("[A-Za-z0-9_./:=+,@%-]+")) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }

    // ---- the configuration ----

    private String networkConfigTemplate() throws InstallException {
        String inline = env.getOrDefault("CNI_NETWORK_CONFIG", "");
        if (!inline.isBlank()) {
            return inline;
        }
        String file = env.getOrDefault("CNI_NETWORK_CONFIG_FILE", "");
        if (!file.isEmpty()) {
            try {
                return Files.readString(Path.of(file));
            } catch (IOException e) {
                throw new InstallException("CNI_NETWORK_CONFIG_FILE: cannot read " + file + ": " + e.getMessage());
            }
        }
        return DEFAULT_NETWORK_CONFIG;
    }

    /** Calico's placeholders, replaced everywhere in the template. */
    String render(String template, ServiceAccount sa, Path netDir) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("__KUBERNETES_SERVICE_HOST__", env.getOrDefault("KUBERNETES_SERVICE_HOST", ""));
        values.put("__KUBERNETES_SERVICE_PORT__", env.getOrDefault("KUBERNETES_SERVICE_PORT", ""));
        values.put("__KUBERNETES_NODE_NAME__", nodeName());
        values.put("__KUBECONFIG_FILENAME__", KUBECONFIG_NAME);
        values.put("__KUBECONFIG_FILEPATH__", env.getOrDefault("KUBECONFIG_FILEPATH", hostPath(netDir.resolve(KUBECONFIG_NAME))));
        values.put("__SERVICEACCOUNT_TOKEN__", sa.token());
        values.put("__CNI_MTU__", env.getOrDefault("CNI_MTU", "1500"));
        values.put("__ETCD_ENDPOINTS__", env.getOrDefault("ETCD_ENDPOINTS", ""));
        values.put("__ETCD_KEY_FILE__", "");
        values.put("__ETCD_CERT_FILE__", "");
        values.put("__ETCD_CA_CERT_FILE__", "");
        String s = template;
        for (var e : values.entrySet()) {
            s = s.replace(e.getKey(), e.getValue());
        }
        return s;
    }

    private String nodeName() {
        String n = env.getOrDefault("KUBERNETES_NODE_NAME", "");
        if (!n.isEmpty()) {
            return n;
        }
        try {
            return HostName.SYSTEM.get();
        } catch (CniException e) {
            return "";
        }
    }

    /** The path as the host sees it: the container mounts the host's directories under /host. */
    static String hostPath(Path p) {
        String s = p.toString();
        return s.startsWith("/host/") ? s.substring("/host".length()) : s;
    }

    /** Modern Calico's calico-kubeconfig: the in-cluster server, the service account's CA (or no verification without one) and token. */
    String kubeconfig(ServiceAccount sa) throws InstallException {
        String host = env.getOrDefault("KUBERNETES_SERVICE_HOST", "");
        String port = env.getOrDefault("KUBERNETES_SERVICE_PORT", "");
        if (host.isEmpty() || port.isEmpty()) {
            throw new InstallException("KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be set (they are in a pod)");
        }
        String protocol = env.getOrDefault("KUBERNETES_SERVICE_PROTOCOL", "https").toLowerCase(Locale.ROOT);
        return kubeconfigJson(protocol + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port, sa.caPem(), sa.token());
    }

    /**
     * A one-cluster, one-user kubeconfig as Calico's install writes it ({@code local},
     * {@code calico}, {@code calico-context}), in JSON (which kubectl reads too): the plugin then
     * reads it without loading a YAML parser.
     *
     * @param caPem the CA to trust; empty for {@code insecure-skip-tls-verify: true}
     */
    public static String kubeconfigJson(String server, String caPem, String token) {
        ObjectNode root = JsonTrees.object();
        root.put("apiVersion", "v1").put("kind", "Config");
        ObjectNode cluster = root.putArray("clusters").addObject().put("name", "local").putObject("cluster").put("server", server);
        if (caPem.isEmpty()) {
            cluster.put("insecure-skip-tls-verify", true);
        } else {
            cluster.put("certificate-authority-data", Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.UTF_8)));
        }
        root.putArray("users").addObject().put("name", "calico").putObject("user").put("token", token);
        root.putArray("contexts").addObject().put("name", "calico-context").putObject("context").put("cluster", "local")
                .put("user", "calico");
        root.put("current-context", "calico-context");
        return JsonTrees.write(root) + "\n";
    }

    /** What may be printed: the configuration with the token replaced. */
    static String redact(String text, ServiceAccount sa) {
        return sa.token().isEmpty() ? text : text.replace(sa.token(), "<redacted>");
    }

    /** The pod's service account token and CA. */
    record ServiceAccount(String token, String caPem) {

        static ServiceAccount read(Path dir) throws InstallException {
            Path token = dir.resolve("token");
            Path ca = dir.resolve("ca.crt");
            try {
                return new ServiceAccount(Files.readString(token).strip(), Files.exists(ca) ? Files.readString(ca) : "");
            } catch (IOException e) {
                throw new InstallException("cannot read the service account token " + token + ": " + e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "ServiceAccount[token=<redacted>, ca=" + (caPem.isEmpty() ? "none" : "present") + "]";
        }
    }

    // ---- files ----

    private static void writePrivate(Path file, String content) throws InstallException {
        try {
            Files.createDirectories(file.getParent());
            writeAtomically(file, content, PRIVATE);
        } catch (IOException e) {
            throw new InstallException("cannot write " + file + ": " + e);
        }
    }

    /** Writes beside the target with the final mode, then renames: readers never see a partial or open file. */
    static void writeAtomically(Path file, String content, Set<PosixFilePermission> mode) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(mode));
        Files.writeString(tmp, content);
        Files.setPosixFilePermissions(tmp, mode);
        move(tmp, file);
    }

    private static void copyAtomically(Path from, Path to) throws IOException {
        Path tmp = to.resolveSibling("." + to.getFileName() + ".tmp");
        Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(tmp, READABLE);
        move(tmp, to);
    }

    static void move(Path tmp, Path to) throws IOException {
        try {
            Files.move(tmp, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
