package io.calicoj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which datastore calicoctl opens, with the real {@link DatastoreClients} factory. */
class DatastoreSelectionTest {

    @TempDir
    Path dir;

    private static String[] run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Calicoctl.run(args, new CliContext(env, new ByteArrayInputStream(new byte[0]),
                new PrintWriter(out, true), new PrintWriter(err, true), new DatastoreClients(env)));
        return new String[] {Integer.toString(status), out.toString(), err.toString()};
    }

    @Test
    void etcdv2FromTheEnvironmentIsRefusedClearly() {
        assertThat(run(Map.of("DATASTORE_TYPE", "etcdv2"), "get", "nodes", "-c", dir.resolve("none.cfg").toString()))
                .containsExactly("1", "", "Failed to create Calico API client: etcdv2 datastore is not supported by this"
                        + " build (configured by environment); use DATASTORE_TYPE=kubernetes\n");
    }

    @Test
    void etcdv2FromACalicoctlCfgIsRefusedNamingTheFile() throws IOException {
        Path cfg = dir.resolve("calicoctl.cfg");
        Files.writeString(cfg, "apiVersion: projectcalico.org/v3\nkind: CalicoAPIConfig\nmetadata: {}\n"
                + "spec:\n  datastoreType: etcdv2\n  etcdEndpoints: http://127.0.0.1:2379\n");
        assertThat(run(Map.of("DATASTORE_TYPE", "kubernetes"), "get", "nodes", "-c", cfg.toString())[2])
                .isEqualTo("Failed to create Calico API client: etcdv2 datastore is not supported by this build"
                        + " (configured by " + cfg + "); use DATASTORE_TYPE=kubernetes\n");
    }

    @Test
    void aBrokenConfigFileIsReportedAsSuch() throws IOException {
        Path cfg = dir.resolve("calicoctl.cfg");
        Files.writeString(cfg, "apiVersion: v2\nkind: CalicoAPIConfig\n");
        assertThat(run(Map.of(), "get", "nodes", "-c", cfg.toString()))
                .containsExactly("1", "", "Failed to create Calico API client: invalid config file " + cfg
                        + ": unknown APIVersion 'v2'\n");
    }

    @Test
    void withoutAnyKubernetesSettingsOutsideAPodTheErrorSaysWhatToSet() {
        assertThat(run(Map.of(), "get", "nodes", "-c", dir.resolve("none.cfg").toString())[2])
                .startsWith("Failed to create Calico API client: no Kubernetes API configured: set KUBECONFIG or K8S_API_ENDPOINT");
    }

    @Test
    void anUnexpectedFailureOfTheDatastoreIsOneLineUnlessDebugging() {
        ClientFactory broken = config -> {
            throw new IllegalStateException("boom");
        };
        StringWriter err = new StringWriter();
        int status = Calicoctl.run(new String[] {"get", "nodes"}, new CliContext(Map.of(),
                new ByteArrayInputStream(new byte[0]), new PrintWriter(new StringWriter()), new PrintWriter(err, true), broken));
        assertThat(status).isEqualTo(1);
        assertThat(err).hasToString("Failed to execute command: java.lang.IllegalStateException: boom\n");
        StringWriter debug = new StringWriter();
        Calicoctl.run(new String[] {"-l", "debug", "get", "nodes"}, new CliContext(Map.of(),
                new ByteArrayInputStream(new byte[0]), new PrintWriter(new StringWriter()), new PrintWriter(debug, true), broken));
        assertThat(debug.toString()).contains("\tat io.calicoj.cli.");
    }

    @Test
    void anUnknownLogLevelIsAnError() {
        assertThat(run(Map.of(), "-l", "loud", "version")).containsExactly("1", "", "Unknown log level: loud\n");
    }

    @Test
    void versionNeedsNoDatastore() {
        String[] r = run(Map.of(), "version");
        assertThat(r[0]).isEqualTo("0");
        assertThat(r[1]).startsWith("Client Version:    v").contains("Build date:");
    }

    @Test
    void completionPrintsABashScript() {
        String[] r = run(Map.of(), "completion", "bash");
        assertThat(r[0]).isEqualTo("0");
        assertThat(r[1]).contains("complete -F _complete_calicoctl").contains("workloadendpoints").contains("--all-namespaces");
    }

    @Test
    void unknownCommandsAndOptionsAreReportedAsCalicoctlDoes() {
        String[] r = run(Map.of(), "frobnicate");
        assertThat(r[0]).isEqualTo("1");
        assertThat(r[2]).startsWith("Unknown command: \"frobnicate\"\nUsage: calicoctl");
        assertThat(run(Map.of(), "get", "--bogus", "wep")).containsExactly("1", "",
                "Invalid option: 'calicoctl get --bogus wep'. Use flag '--help' to read about a specific subcommand.\n"
                        + "Unknown option: '--bogus'\n");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"get", "create", "apply", "replace", "delete", "version", "completion"}) {
            String[] r = run(Map.of(), command, "--help");
            assertThat(r[0]).as(command).isEqualTo("0");
            assertThat(r[1]).as(command).startsWith("Usage: calicoctl " + command);
        }
    }
}
