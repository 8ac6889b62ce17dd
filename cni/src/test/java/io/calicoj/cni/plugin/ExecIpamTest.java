package io.calicoj.cni.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calicoj.exec.Command;
import io.calicoj.exec.CommandResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecIpamTest {

    @TempDir
    Path dir;

    private CniRequest request(String path) throws CniException {
        return CniRequest.fromEnvironment("ADD", java.util.Map.of("CNI_CONTAINERID", "abc", "CNI_NETNS", "/proc/1/ns/net",
                "CNI_IFNAME", "eth0", "CNI_PATH", path, "CNI_ARGS", "K8S_POD_NAME=x"), "{}");
    }

    private Path plugin(Path in, String name) throws IOException {
        Files.createDirectories(in);
        Path p = in.resolve(name);
        Files.writeString(p, "#!/bin/sh\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    @Test
    void thePluginIsTheFirstExecutableOfThatNameInCniPath() throws Exception {
        plugin(dir.resolve("b"), "host-local");
        Path first = plugin(dir.resolve("c"), "host-local");
        Files.createDirectories(dir.resolve("a").resolve("host-local"));

        assertThat(ExecIpam.find("host-local", dir.resolve("a") + "::" + dir.resolve("c") + ":" + dir.resolve("b")))
                .isEqualTo(first);
    }

    @Test
    void aMissingPluginNamesThePathSearched() {
        assertThatThrownBy(() -> ExecIpam.find("host-local", dir.toString()))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(CniException.IPAM);
                    assertThat(e.msg()).isEqualTo("failed to find plugin \"host-local\" in path [" + dir + "]");
                });
    }

    @Test
    void runsThePluginWithTheRequestsVariablesTheCommandAndTheConfigOnStdin() throws Exception {
        Path p = plugin(dir, "host-local");
        RecordingCommandRunner runner = new RecordingCommandRunner().answering(c ->
                new CommandResult(c, 0, "{\"cniVersion\":\"1.0.0\",\"ips\":[{\"address\":\"10.1.0.2/24\"}]}", ""));

        IpamResult r = new ExecIpam(runner).add("host-local", "{\"the\":\"config\"}", request(dir.toString()));

        Command c = runner.commands.get(0);
        assertThat(c.argv()).containsExactly(p.toString());
        assertThat(c.stdin()).isEqualTo("{\"the\":\"config\"}");
        assertThat(c.environment()).containsEntry("CNI_COMMAND", "ADD").containsEntry("CNI_CONTAINERID", "abc")
                .containsEntry("CNI_IFNAME", "eth0").containsEntry("CNI_NETNS", "/proc/1/ns/net")
                .containsEntry("CNI_ARGS", "K8S_POD_NAME=x").containsEntry("CNI_PATH", dir.toString());
        assertThat(r.ips().get(0).ip()).isEqualTo("10.1.0.2");
    }

    @Test
    void delIsTheSamePluginWithCommandDel() throws Exception {
        plugin(dir, "host-local");
        RecordingCommandRunner runner = new RecordingCommandRunner();

        new ExecIpam(runner).del("host-local", "{}", request(dir.toString()));

        assertThat(runner.commands.get(0).environment()).containsEntry("CNI_COMMAND", "DEL");
    }

    @Test
    void thePluginsOwnErrorIsReportedWithPluginSpecificCode() throws Exception {
        plugin(dir, "host-local");
        RecordingCommandRunner runner = new RecordingCommandRunner().answering(c -> new CommandResult(c, 1,
                "{\"code\": 999, \"msg\": \"failed to allocate for range 0: no IP addresses available in range set\"}", ""));

        assertThatThrownBy(() -> new ExecIpam(runner).add("host-local", "{}", request(dir.toString())))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(CniException.IPAM);
                    assertThat(e.msg()).isEqualTo("IPAM plugin host-local ADD failed: failed to allocate for range 0:"
                            + " no IP addresses available in range set");
                    assertThat(e.details()).isEqualTo("IPAM error code 999");
                });
    }

    @Test
    void wellKnownCodesOfThePluginPassThrough() throws Exception {
        plugin(dir, "host-local");
        RecordingCommandRunner runner = new RecordingCommandRunner().answering(c -> new CommandResult(c, 1,
                "{\"code\": 11, \"msg\": \"busy\", \"details\": \"lock held\"}", ""));

        assertThatThrownBy(() -> new ExecIpam(runner).add("host-local", "{}", request(dir.toString())))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(CniException.TRY_AGAIN_LATER);
                    assertThat(e.details()).isEqualTo("lock held");
                });
    }

    @Test
    void aCrashWithoutErrorJsonReportsExitStatusAndStderr() throws Exception {
        plugin(dir, "host-local");
        RecordingCommandRunner runner = new RecordingCommandRunner().answering(c -> new CommandResult(c, 2, "", "panic: oops\n"));

        assertThatThrownBy(() -> new ExecIpam(runner).del("host-local", "{}", request(dir.toString())))
                .hasMessage("IPAM plugin host-local DEL failed: exit status 2: panic: oops");
    }

    @Test
    void aTypeThatWalksOutOfCniPathIsNeverRun() throws Exception {
        RecordingCommandRunner runner = new RecordingCommandRunner();

        assertThatThrownBy(() -> new ExecIpam(runner).add("../../../bin/sh", "{}", request(dir.toString())))
                .isInstanceOfSatisfying(CniException.class, e -> assertThat(e.code()).isEqualTo(7));
        assertThat(runner.commands).isEmpty();
    }
}
