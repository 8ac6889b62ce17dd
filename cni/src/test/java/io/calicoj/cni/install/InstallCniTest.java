package io.calicoj.cni.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calicoj.kube.connection.KubeConnection;
import io.calicoj.kube.connection.InClusterEnvironment;
import io.calicoj.kube.connection.KubeConnections;
import io.calicoj.datastore.config.KubernetesSettings;
import io.calicoj.json.JsonTrees;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class InstallCniTest {

    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.secret-token";
    private static final String CA = "-----BEGIN CERTIFICATE-----\nMIIBcert\n-----END CERTIFICATE-----\n";

    @TempDir
    Path root;

    private final Map<String, String> env = new HashMap<>();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private Path source;
    private Path bin;
    private Path net;

    @BeforeEach
    void layout() throws Exception {
        source = Files.createDirectories(root.resolve("image/target"));
        Files.writeString(source.resolve("calicoj-cni-0.1.0.jar"), "plugin");
        Files.createDirectories(source.resolve("lib"));
        Files.writeString(source.resolve("lib/b.jar"), "b");
        Files.writeString(source.resolve("lib/a.jar"), "a");
        bin = Files.createDirectories(root.resolve("host/opt/cni/bin"));
        net = root.resolve("host/etc/cni/net.d");
        Path sa = Files.createDirectories(root.resolve("sa"));
        Files.writeString(sa.resolve("token"), TOKEN + "\n");
        Files.writeString(sa.resolve("ca.crt"), CA);
        env.put("CNI_BIN_DIR", bin.toString());
        env.put("CNI_NET_DIR", net.toString());
        env.put("CALICOJ_SERVICE_ACCOUNT_DIR", sa.toString());
        env.put("KUBERNETES_SERVICE_HOST", "10.96.0.1");
        env.put("KUBERNETES_SERVICE_PORT", "443");
        env.put("KUBERNETES_NODE_NAME", "node-7");
        env.put("CALICOJ_CNI_JAVA", "/opt/java/bin/java");
    }

    private void install() throws Exception {
        new InstallCni(env, new PrintStream(printed, true, StandardCharsets.UTF_8),
                (java, opts, cp, dir) -> "-XX:AOTCache=" + dir.resolve("calico.aot")).run(source);
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void installsTheLauncherWithAFixedClassPathAndItsArchive() throws Exception {
        install();

        Path launcher = bin.resolve("calico");
        assertThat(Files.getPosixFilePermissions(launcher)).isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        Path lib = bin.resolve("calicoj-cni/lib");
        assertThat(Files.readString(launcher)).startsWith("#!/bin/sh\n")
                .contains("exec /opt/java/bin/java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xlog:disable"
                        + " -Xlog:all=warning:stderr -Djdk.reflect.useNativeAccessorOnly=true -XX:AOTCache=" + bin.resolve("calicoj-cni/calico.aot")
                        + " -cp " + lib.resolve("calicoj-cni-0.1.0.jar") + ":" + lib.resolve("a.jar") + ":" + lib.resolve("b.jar")
                        + " io.calicoj.cni.plugin.CalicoCni \"$@\"\n");
        assertThat(Files.readString(lib.resolve("a.jar"))).isEqualTo("a");
    }

    @Test
    void shipsTheNativeLibrariesPerVersionAndTrainsAndRunsWithTheOptionsThatLoadThem() throws Exception {
        Files.createDirectories(source.resolve("native"));
        Files.writeString(source.resolve("native/libconscrypt_openjdk_jni-linux-x86_64.so"), "elf, version 2");
        Path nativeRoot = Files.createDirectories(bin.resolve("calicoj-cni/native"));
        Files.writeString(Files.createDirectories(nativeRoot.resolve("0123456789abcdef"))
                .resolve("libconscrypt_openjdk_jni-linux-x86_64.so"), "elf, version 1");
        Files.writeString(nativeRoot.resolve("libconscrypt_openjdk_jni-linux-x86_64.so"), "an older layout's");
        List<List<String>> trainedWith = new java.util.ArrayList<>();
        List<List<String>> presentWhenTraining = new java.util.ArrayList<>();

        new InstallCni(env, new PrintStream(printed, true, StandardCharsets.UTF_8), (java, opts, cp, dir) -> {
            trainedWith.add(opts);
            try (var entries = Files.list(nativeRoot)) {
                presentWhenTraining.add(entries.map(p -> p.getFileName().toString()).sorted().toList());
            }
            return "";
        }).run(source);

        Path installed;
        try (var dirs = Files.list(nativeRoot)) {
            List<Path> left = dirs.toList();
            assertThat(left).as("only this version's directory is left").hasSize(1);
            installed = left.get(0);
        }
        assertThat(installed.getFileName().toString()).matches("[0-9a-f]{16}").isNotEqualTo("0123456789abcdef");
        assertThat(Files.readString(installed.resolve("libconscrypt_openjdk_jni-linux-x86_64.so"))).isEqualTo("elf, version 2");
        assertThat(presentWhenTraining).as("the old version stays until the new launcher is in place").singleElement()
                .satisfies(names -> assertThat(names).contains("0123456789abcdef", installed.getFileName().toString()));
        String options = "--enable-native-access=ALL-UNNAMED -Djava.library.path=" + installed;
        assertThat(Files.readString(bin.resolve("calico"))).contains(" -Djdk.reflect.useNativeAccessorOnly=true " + options + " -cp ");
        assertThat(trainedWith).containsExactly(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
                "-Xlog:disable", "-Xlog:all=warning:stderr", "-Djdk.reflect.useNativeAccessorOnly=true",
                "--enable-native-access=ALL-UNNAMED", "-Djava.library.path=" + installed));
    }

    @Test
    void theSameLibrariesInstalledAgainKeepTheirDirectory() throws Exception {
        Files.createDirectories(source.resolve("native"));
        Files.writeString(source.resolve("native/libconscrypt_openjdk_jni-linux-x86_64.so"), "elf");
        install();
        String first = Files.readString(bin.resolve("calico"));

        install();

        assertThat(Files.readString(bin.resolve("calico"))).isEqualTo(first).contains("-Djava.library.path=");
        try (var dirs = Files.list(bin.resolve("calicoj-cni/native"))) {
            assertThat(dirs).hasSize(1);
        }
    }

    @Test
    void writesTheDefaultConflistWithPlaceholdersFilledAndMode0600() throws Exception {
        install();

        Path conf = net.resolve("10-calico.conflist");
        assertThat(Files.getPosixFilePermissions(conf)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        var json = JsonTrees.parse(Files.readString(conf));
        var calico = json.path("plugins").path(0);
        assertThat(calico.path("nodename").asString()).isEqualTo("node-7");
        assertThat(calico.path("mtu").asInt()).isEqualTo(1500);
        assertThat(calico.path("ipam").path("subnet").asString()).isEqualTo("usePodCidr");
        assertThat(calico.path("kubernetes").path("kubeconfig").asString())
                .isEqualTo(root.resolve("host/etc/cni/net.d/calico-kubeconfig").toString());
    }

    @Test
    void everyCalicoPlaceholderIsReplacedButTheTokenIsNeverPrinted() throws Exception {
        env.put("CNI_NETWORK_CONFIG", """
                {"name": "k8s-pod-network", "cniVersion": "0.3.1", "type": "calico", "mtu": __CNI_MTU__,
                 "nodename": "__KUBERNETES_NODE_NAME__", "ipam": {"type": "host-local", "subnet": "usePodCidr"},
                 "policy": {"type": "k8s", "k8s_api_root": "https://__KUBERNETES_SERVICE_HOST__:__KUBERNETES_SERVICE_PORT__",
                            "k8s_auth_token": "__SERVICEACCOUNT_TOKEN__"},
                 "kubernetes": {"kubeconfig": "__KUBECONFIG_FILEPATH__", "name": "__KUBECONFIG_FILENAME__"}}
                """);
        env.put("CNI_MTU", "1440");
        env.put("CNI_CONF_NAME", "10-calico.conf");
        env.put("KUBECONFIG_FILEPATH", "/etc/cni/net.d/calico-kubeconfig");

        install();

        String written = Files.readString(net.resolve("10-calico.conf"));
        assertThat(written).doesNotContain("__").contains("\"mtu\": 1440").contains("https://10.96.0.1:443")
                .contains("\"k8s_auth_token\": \"" + TOKEN + "\"").contains("\"/etc/cni/net.d/calico-kubeconfig\"")
                .contains("\"calico-kubeconfig\"");
        assertThat(printed()).doesNotContain(TOKEN).contains("\"k8s_auth_token\": \"<redacted>\"");
    }

    @Test
    void theKubeconfigIsPrivateAndReadsBackThroughTheSharedResolver() throws Exception {
        install();

        Path kc = net.resolve("calico-kubeconfig");
        assertThat(Files.getPosixFilePermissions(kc)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        KubeConnection c = KubeConnections.resolve(new KubernetesSettings(kc.toString(), "", "", "", "", null, false, false),
                InClusterEnvironment.of(Map.of()));
        assertThat(c.server()).isEqualTo("https://10.96.0.1:443");
        assertThat(c.bearerToken()).isEqualTo(TOKEN);
        assertThat(c.caCertificatePem()).isEqualTo(CA);
        assertThat(c.insecureSkipTlsVerify()).isFalse();
    }

    @Test
    void withoutACaTheKubeconfigSkipsVerificationAndIpv6HostsAreBracketed() throws Exception {
        Files.delete(root.resolve("sa/ca.crt"));
        env.put("KUBERNETES_SERVICE_HOST", "fd00::1");

        install();

        JsonNode cluster = JsonTrees.parse(Files.readString(net.resolve("calico-kubeconfig"))).path("clusters").path(0).path("cluster");
        assertThat(cluster.path("server").asString()).isEqualTo("https://[fd00::1]:443");
        assertThat(cluster.path("insecure-skip-tls-verify").asBoolean()).isTrue();
    }

    @Test
    void aConfigThatIsNotJsonAfterSubstitutionIsRefusedWithoutShowingIt() {
        env.put("CNI_NETWORK_CONFIG", "{\"token\": \"__SERVICEACCOUNT_TOKEN__\", oops}");

        assertThatThrownBy(this::install).isInstanceOf(InstallException.class)
                .hasMessageStartingWith("the network configuration is not valid JSON after substitution")
                .message().doesNotContain(TOKEN);
        assertThat(net.resolve("10-calico.conflist")).doesNotExist();
    }

    @Test
    void outsideAPodThereIsNoServerForTheKubeconfig() {
        env.remove("KUBERNETES_SERVICE_HOST");

        assertThatThrownBy(this::install).hasMessageContaining("KUBERNETES_SERVICE_HOST");
    }

    @Test
    void skippedOrNotUpdatedBinariesAreLeftAlone() throws Exception {
        env.put("SKIP_CNI_BINARIES", "flannel,calico");
        install();
        assertThat(bin.resolve("calico")).doesNotExist();

        env.remove("SKIP_CNI_BINARIES");
        Files.writeString(bin.resolve("calico"), "older");
        env.put("UPDATE_CNI_BINARIES", "false");
        install();
        assertThat(Files.readString(bin.resolve("calico"))).isEqualTo("older");
    }

    @Test
    void extraJvmOptionsAreBakedIntoTheLauncherQuotedForTheShell() throws Exception {
        env.put("CALICOJ_CNI_JAVA_OPTS", "-Djdk.tls.namedGroups=x25519 -Dx='a b'");
        env.put("CALICOJ_CNI_JAVA", "/j dk/java");

        install();

        assertThat(Files.readString(bin.resolve("calico"))).contains("exec '/j dk/java' ")
                .contains(" -Djdk.tls.namedGroups=x25519 '-Dx='\\''a' 'b'\\''' ");
    }

    @Test
    void aFailedTrainingRunInstallsThePluginWithoutAnArchive() throws Exception {
        new InstallCni(env, new PrintStream(printed, true, StandardCharsets.UTF_8), (java, opts, cp, dir) -> {
            throw new java.io.IOException("training exited 1");
        }).run(source);

        assertThat(Files.readString(bin.resolve("calico"))).doesNotContain("AOTCache").doesNotContain("SharedArchiveFile")
                .contains("io.calicoj.cni.plugin.CalicoCni");
        assertThat(printed()).contains("warning: no class-data archive").contains("training exited 1");
    }

    @Test
    void hostPathDropsTheContainersHostPrefix() {
        assertThat(NetworkConfig.hostPath(Path.of("/host/etc/cni/net.d/calico-kubeconfig"))).isEqualTo("/etc/cni/net.d/calico-kubeconfig");
        assertThat(NetworkConfig.hostPath(Path.of("/etc/cni/net.d/x"))).isEqualTo("/etc/cni/net.d/x");
    }
}
