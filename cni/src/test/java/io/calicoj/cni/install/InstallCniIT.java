package io.calicoj.cni.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.cni.Sh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * install-cni as a process from the packaged module: the installed plugin is self-contained (runs
 * from the CNI bin directory alone) and loads its classes from the archive made at install time.
 */
class InstallCniIT {

    @TempDir
    Path root;

    @Test
    void theInstalledPluginRunsFromTheBinDirectoryWithItsClassDataArchive() throws Exception {
        Path bin = Files.createDirectories(root.resolve("opt/cni/bin"));
        Path net = root.resolve("etc/cni/net.d");
        Path sa = Files.createDirectories(root.resolve("sa"));
        Files.writeString(sa.resolve("token"), "install-test-token");
        Map<String, String> env = new HashMap<>(Map.of("CNI_BIN_DIR", bin.toString(), "CNI_NET_DIR", net.toString(),
                "CALICOJ_SERVICE_ACCOUNT_DIR", sa.toString(), "KUBERNETES_SERVICE_HOST", "10.96.0.1",
                "KUBERNETES_SERVICE_PORT", "443", "KUBERNETES_NODE_NAME", "node-a", "SLEEP", "false",
                // Only for this test: report where each class came from.
                "CALICOJ_CNI_JAVA_OPTS", "-Xlog:class+load=info:stderr"));
        String cp = System.getProperty("calicoj.cni.jar") + ":" + System.getProperty("calicoj.cni.lib") + "/*";

        Sh.Result install = Sh.run(List.of("java", "-cp", cp, "io.calicoj.cni.install.InstallCni"), env, "", true);

        assertThat(install.exit()).as(install.stdout() + install.stderr()).isZero();
        assertThat(install.stdout() + install.stderr()).doesNotContain("install-test-token");
        assertThat(Files.readString(net.resolve("10-calico.conflist"))).contains("\"nodename\": \"node-a\"");
        try (var s = Files.list(bin.resolve("calicoj-cni"))) {
            assertThat(s.map(p -> p.getFileName().toString())).containsAnyOf("calico.aot", "calico.jsa");
        }
        Path libraries;
        try (var dirs = Files.list(bin.resolve("calicoj-cni/native"))) {
            libraries = dirs.collect(java.util.stream.Collectors.toList()).get(0);
        }
        try (var s = Files.list(libraries)) {
            assertThat(s.map(p -> p.getFileName().toString())).as("Conscrypt's JNI libraries for Linux")
                    .isNotEmpty().allMatch(n -> n.matches("libconscrypt_openjdk_jni-linux-[a-z0-9_]+\\.so"));
        }
        assertThat(Files.readString(bin.resolve("calico"))).contains("-Djava.library.path=" + libraries + " ");

        Sh.Result version = Sh.run(List.of(bin.resolve("calico").toString()), Map.of("CNI_COMMAND", "VERSION"), "", true);

        assertThat(version.exit()).as(version.stderr()).isZero();
        assertThat(version.stdout().strip()).isEqualTo("{\"cniVersion\":\"1.0.0\",\"supportedVersions\":[\"0.3.1\",\"0.4.0\",\"1.0.0\"]}");
        assertThat(version.stderr()).as("the plugin's classes come from the archive")
                .containsPattern("io\\.calicoj\\.cni\\.plugin\\.CniPlugin source: shared objects file");
    }
}
