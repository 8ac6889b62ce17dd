package io.calicoj.deploy;

import static io.calicoj.deploy.Waits.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.exec.Command;
import io.calicoj.exec.CommandResult;
import io.calicoj.exec.ProcessCommandRunner;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The image build contexts deploy/images/assemble.sh makes from the Maven output: reproducible, only
 * runtime files, nothing of the build machine and no secrets, and working at the images' fixed paths —
 * checked without docker, by mounting each context's /opt/calicoj in a private mount namespace. For the
 * calico-cni image, install-cni runs as in the container (with a runtime made by jlink from
 * jre-modules, as the Dockerfile does) and the plugin it installs runs from the node's paths.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageContextsIT {

    private static final String EPOCH = "1700000000";
    private static final List<String> IMAGES = List.of("calico-node", "calico-cni", "calicoctl");

    private final ProcessCommandRunner runner = new ProcessCommandRunner(Duration.ofMinutes(3));
    private Path work;
    private Path contexts;

    @BeforeAll
    void assemble() throws Exception {
        work = Files.createTempDirectory("cj-images-it-");
        contexts = work.resolve("a");
        CommandResult r = assembleInto(contexts);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("calico-node:", "calico-cni:", "calicoctl:");
    }

    @AfterAll
    void clean() throws IOException {
        if (work != null) {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private CommandResult assembleInto(Path out) throws Exception {
        return runner.run(new Command(List.of(Manifests.dir().resolve("images/assemble.sh").toString(), "--out", out.toString()),
                "", Map.of("SOURCE_DATE_EPOCH", EPOCH)));
    }

    /** relative path → type, mode, mtime, size and SHA-256: everything docker's COPY keeps. */
    private static Map<String, String> describe(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(p -> !p.equals(dir)).toList()) {
                PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                String kind = a.isSymbolicLink() ? "link" : a.isDirectory() ? "dir" : "file";
                out.put(dir.relativize(p).toString(), kind + " " + PosixFilePermissions.toString(a.permissions()) + " "
                        + a.lastModifiedTime().toInstant().getEpochSecond() + " " + a.size()
                        + (a.isRegularFile() ? " " + sha256(Files.readAllBytes(p)) : ""));
            }
        }
        return out;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void assemblingAgainGivesTheSameFilesWithTheSameModesAndTimes() throws Exception {
        Path again = work.resolve("b");
        assertThat(assembleInto(again).exitCode()).isZero();
        Map<String, String> first = describe(contexts);
        Map<String, String> second = describe(again);
        assertThat(second.keySet()).containsExactlyElementsOf(first.keySet());
        first.forEach((path, d) -> assertThat(second.get(path)).as(path).isEqualTo(d));
        assertThat(first.values()).allMatch(d -> d.split(" ")[2].equals(EPOCH));
        assertThat(first.values()).noneMatch(d -> d.startsWith("link"));
    }

    @Test
    void eachContextListsItsFilesInSha256SumsInPathOrder() throws Exception {
        for (String image : IMAGES) {
            Path ctx = contexts.resolve(image);
            List<String> lines = Files.readAllLines(ctx.resolve("SHA256SUMS"));
            List<String> paths = lines.stream().map(l -> l.substring(66)).toList();
            assertThat(paths).isSorted().doesNotContain("SHA256SUMS");
            try (Stream<Path> files = Files.walk(ctx)) {
                assertThat(files.filter(Files::isRegularFile).map(p -> ctx.relativize(p).toString())
                        .filter(p -> !p.equals("SHA256SUMS"))).containsExactlyInAnyOrderElementsOf(paths);
            }
            for (String line : lines) {
                assertThat(sha256(Files.readAllBytes(ctx.resolve(line.substring(66))))).isEqualTo(line.substring(0, 64));
            }
        }
    }

    @Test
    void theContextsHoldOnlyBuildFilesRuntimeJarsClassPathsAndLaunchers() throws Exception {
        Pattern allowed = Pattern.compile("Dockerfile|IMAGE|SHA256SUMS|jre-modules"
                + "|rootfs/opt/calicoj/bin/[a-z-]+"
                + "|rootfs/opt/calicoj/(agent|cni|cli)/(classpath|calicoj-(agent|cni|cli)-[^/]+\\.jar|lib/[^/]+\\.jar)"
                + "|rootfs/opt/calicoj/cni/native/libconscrypt_openjdk_jni-linux-[a-z0-9_]+\\.so");
        for (String image : IMAGES) {
            Path ctx = contexts.resolve(image);
            try (Stream<Path> files = Files.walk(ctx)) {
                assertThat(files.filter(Files::isRegularFile).map(p -> ctx.relativize(p).toString()))
                        .allSatisfy(p -> assertThat(p).as(image).matches(allowed))
                        .noneMatch(p -> p.endsWith("-tests.jar") || p.endsWith(".jsa") || p.endsWith(".aot"));
            }
        }
    }

    @Test
    void nothingInAContextNamesTheBuildMachineOrHoldsAKey() throws Exception {
        List<String> machine = List.of(Manifests.root().toString(), Path.of(System.getProperty("user.home"), ".m2").toString(),
                work.toString());
        // Key or certificate material (not the PEM parsers' own "-----BEGIN" strings); in our own files also
        // kubeconfig credentials (class files are full of "token" strings).
        Pattern key = Pattern.compile("-----BEGIN [A-Z ]*(PRIVATE KEY|CERTIFICATE)-----\\s*[A-Za-z0-9+/]{16}");
        Pattern credential = Pattern.compile("client-key-data|client-certificate-data|\\btoken: \\S|Bearer ");
        for (String image : IMAGES) {
            Path ctx = contexts.resolve(image);
            try (Stream<Path> files = Files.walk(ctx)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Map<String, byte[]> contents = f.toString().endsWith(".jar") ? jarEntries(f) : Map.of("", Files.readAllBytes(f));
                    contents.forEach((entry, bytes) -> {
                        String text = new String(bytes, StandardCharsets.ISO_8859_1);
                        String where = ctx.relativize(f) + (entry.isEmpty() ? "" : "!" + entry);
                        assertThat(machine).as(where).noneMatch(text::contains);
                        assertThat(key.matcher(text).find()).as(where + " holds key material").isFalse();
                        assertThat(entry.isEmpty() && credential.matcher(text).find()).as(where + " holds a credential").isFalse();
                    });
                }
            }
        }
    }

    private static Map<String, byte[]> jarEntries(Path jar) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(jar); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (!e.isDirectory()) {
                    out.put(e.getName(), zip.readAllBytes());
                }
            }
        }
        return out;
    }

    @Test
    void theImagesAreTheOnesTheManifestsNameAndTheirCommandsAreInThem() throws Exception {
        List<HasMetadata> calico = Manifests.load(Manifests.calicoYaml());
        DaemonSet ds = Manifests.one(calico, DaemonSet.class, "calico-node");
        Map<String, String> imageOfContainer = Map.of("calico-node", "calico-node", "install-cni", "calico-cni");
        imageOfContainer.forEach((container, image) -> {
            var c = Manifests.container(ds, container);
            Path ctx = contexts.resolve(image);
            assertThat(read(ctx.resolve("IMAGE")).strip()).isEqualTo(c.getImage());
            Path command = ctx.resolve("rootfs" + c.getCommand().get(0));
            assertThat(command).as(c.getCommand().get(0) + " in " + image).isRegularFile().isExecutable();
        });
        Pod calicoctl = Manifests.one(Manifests.load(Manifests.calicoctlYaml()), Pod.class, "calicoctl");
        assertThat(read(contexts.resolve("calicoctl/IMAGE")).strip()).isEqualTo(calicoctl.getSpec().getContainers().get(0).getImage());
        assertThat(contexts.resolve("calicoctl/rootfs/opt/calicoj/bin/calicoctl")).isExecutable();
        assertThat(read(contexts.resolve("calicoctl/Dockerfile"))).contains("ENV PATH=/opt/calicoj/bin:$PATH");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theLaunchersRunFromTheImagesPaths() throws Exception {
        CommandResult felix = inImage("calico-node", "/opt/calicoj/bin/calico-felix --version", Map.of());
        assertThat(felix.exitCode()).as(felix.stderr()).isZero();
        assertThat(felix.stdout()).startsWith("calico-felix (Calico/J)");
        CommandResult ctl = inImage("calicoctl", "/opt/calicoj/bin/calicoctl version", Map.of());
        assertThat(ctl.exitCode()).as(ctl.stderr()).isZero();
        assertThat(ctl.stdout()).startsWith("Client Version:");
    }

    /** Runs a shell script with the context's rootfs/opt/calicoj mounted at /opt/calicoj (and /opt otherwise empty). */
    private CommandResult inImage(String image, String script, Map<String, String> env) throws Exception {
        return runner.run(new Command(List.of("unshare", "-m", "--propagation", "private", "sh", "-c",
                "mount -t tmpfs tmpfs /opt && mkdir -p /opt/calicoj && mount --bind \"$1\" /opt/calicoj && shift && " + script,
                "image", contexts.resolve(image).resolve("rootfs/opt/calicoj").toString()), "", env));
    }

    @Test
    void installCniGivesThePluginItsOwnRuntimeAndTheNodesPathsAndFollowsTokenRotation() throws Exception {
        Path jlink = Path.of(System.getProperty("java.home"), "bin", "jlink");
        Assumptions.assumeTrue(Files.isExecutable(jlink) && Files.isDirectory(Path.of(System.getProperty("java.home"), "jmods")),
                "needs a JDK with jlink and jmods");
        // The image's /opt/calicoj: the context's, plus the runtime the Dockerfile's first stage makes.
        Path opt = work.resolve("cni-image/opt-calicoj");
        Files.createDirectories(opt.getParent());
        assertThat(runner.run(Command.of("cp", "-R", contexts.resolve("calico-cni/rootfs/opt/calicoj").toString(), opt.toString()))
                .exitCode()).isZero();
        String modules = Files.readString(contexts.resolve("calico-cni/jre-modules")).strip();
        CommandResult linked = runner.run(Command.of(jlink.toString(), "--add-modules", modules, "--strip-debug", "--no-man-pages",
                "--no-header-files", "--compress=2", "--generate-cds-archive", "--output", opt.resolve("plugin-jre").toString()));
        assertThat(linked.exitCode()).as(linked.stderr()).isZero();

        Path node = Files.createDirectories(work.resolve("node"));
        Path nodeBin = Files.createDirectories(node.resolve("opt-cni-bin"));
        Path net = Files.createDirectories(node.resolve("etc-cni-net.d"));
        Path sa = Files.createDirectories(work.resolve("cni-image/serviceaccount"));
        Files.writeString(sa.resolve("token"), "first-token-of-the-pod");
        ConfigMap cm = Manifests.one(Manifests.load(Manifests.calicoYaml()), ConfigMap.class, "calico-config");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CNI_NETWORK_CONFIG", cm.getData().get("cni_network_config"));
        env.put("CNI_MTU", cm.getData().get("veth_mtu"));
        env.put("CNI_CONF_NAME", "10-calico.conflist");
        env.put("CNI_NET_DIR", net.toString());
        env.put("KUBERNETES_NODE_NAME", "node-1");
        env.put("KUBERNETES_SERVICE_HOST", "10.96.0.1");
        env.put("KUBERNETES_SERVICE_PORT", "443");
        env.put("CALICOJ_SERVICE_ACCOUNT_DIR", sa.toString());
        // The container: this /opt/calicoj, and the node's CNI bin directory where the image's link points.
        String mounts = "mount -t tmpfs tmpfs /opt && mkdir -p /opt/calicoj /opt/cni/bin"
                + " && mount --bind \"$1\" /opt/calicoj && mount --bind \"$2\" /opt/cni/bin && shift 2 && ";
        String versionCheck = "echo '{}' | CNI_COMMAND=VERSION /opt/cni/bin/calico"
                // The archive must be usable for exactly the installed class path (-Xshare:on fails otherwise).
                + " && cp=$(sed -n 's/.* -cp \\([^ ]*\\) io.calicoj.cni.plugin.CalicoCni.*/\\1/p' /opt/cni/bin/calico)"
                + " && CNI_COMMAND=VERSION /opt/cni/bin/calicoj-cni/jre/bin/java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData"
                + " --enable-native-access=ALL-UNNAMED"
                + " -XX:SharedArchiveFile=/opt/cni/bin/calicoj-cni/calico.jsa -Xshare:on -cp \"$cp\" io.calicoj.cni.plugin.CalicoCni";
        Map<String, String> once = new LinkedHashMap<>(env);
        once.put("SLEEP", "false");
        CommandResult r = runner.run(new Command(List.of("unshare", "-m", "--propagation", "private", "sh", "-c",
                mounts + "/opt/calicoj/bin/install-cni && " + versionCheck, "install-cni", opt.toString(), nodeBin.toString()),
                "", once));
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        assertThat(r.stdout()).contains("installed the plugin's Java runtime").contains("\"supportedVersions\"")
                .doesNotContain("first-token-of-the-pod");

        String launcher = Files.readString(nodeBin.resolve("calico"));
        assertThat(launcher).contains("exec /opt/cni/bin/calicoj-cni/jre/bin/java ")
                .contains("-XX:SharedArchiveFile=/opt/cni/bin/calicoj-cni/calico.jsa")
                .doesNotContain("/host/").doesNotContain("/opt/calicoj").doesNotContain(work.toString());
        assertThat(Pattern.compile("/[^ ':]+\\.jar").matcher(launcher).results().map(m -> m.group()))
                .isNotEmpty().allMatch(p -> p.startsWith("/opt/cni/bin/calicoj-cni/lib/"));
        assertThat(nodeBin.resolve("calicoj-cni/jre/bin/java")).isExecutable();
        Matcher libraries = Pattern.compile("-Djava\\.library\\.path=/opt/cni/bin/calicoj-cni/native/([0-9a-f]{16}) ").matcher(launcher);
        assertThat(libraries.find()).as("Conscrypt's JNI library, from the node's path: " + launcher).isTrue();
        assertThat(nodeBin.resolve("calicoj-cni/native").resolve(libraries.group(1)).resolve("libconscrypt_openjdk_jni-linux-x86_64.so"))
                .isRegularFile();
        assertThat(Files.readString(net.resolve("calico-kubeconfig"))).contains("\"token\":\"first-token-of-the-pod\"")
                .contains("\"server\":\"https://10.96.0.1:443\"");
        assertThat(Files.readString(net.resolve("10-calico.conflist"))).contains("\"nodename\": \"node-1\"")
                .contains("\"kubeconfig\": \"" + net.resolve("calico-kubeconfig") + "\"");

        // A second start finds the runtime current; then it stays and follows the kubelet's token rotation.
        ProcessBuilder pb = new ProcessBuilder("unshare", "-m", "--propagation", "private", "sh", "-c",
                mounts + "exec /opt/calicoj/bin/install-cni", "install-cni", opt.toString(), nodeBin.toString());
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        Path log = work.resolve("install-cni.log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        try {
            await("install-cni watching the token", () -> read(log).contains("watching the service account token"),
                    Duration.ofSeconds(120));
            assertThat(read(log)).contains("Java runtime in /opt/cni/bin/calicoj-cni/jre is current");
            Files.writeString(sa.resolve("token"), "rotated-token-of-the-pod");
            await("calico-kubeconfig with the rotated token",
                    () -> read(net.resolve("calico-kubeconfig")).contains("\"token\":\"rotated-token-of-the-pod\""), Duration.ofSeconds(60));
            assertThat(read(log)).doesNotContain("rotated-token-of-the-pod").doesNotContain("first-token-of-the-pod");
        } finally {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            p.waitFor();
        }
    }


    @Test
    void theSameBuildFilesComeFromDeployImages() throws Exception {
        for (String image : IMAGES) {
            Path src = Manifests.dir().resolve("images").resolve(image);
            List<Path> files = new ArrayList<>();
            try (Stream<Path> s = Files.walk(src)) {
                s.filter(Files::isRegularFile).forEach(files::add);
            }
            for (Path f : files) {
                assertThat(contexts.resolve(image).resolve(src.relativize(f))).hasSameBinaryContentAs(f);
            }
        }
    }
}
