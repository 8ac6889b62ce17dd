package io.calicoj.sandbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.exec.Command;
import io.calicoj.exec.CommandFailedException;
import io.calicoj.exec.CommandResult;
import io.calicoj.exec.ProcessCommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real kubectl against the sandbox's API server. */
class ApiServerKubectlIT {

    @TempDir
    Path dir;

    private ApiServer api;
    private Path kubeconfig;

    @BeforeEach
    void start() throws IOException {
        api = ApiServer.start(0);
        kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, Kubeconfigs.forServer(api.url()));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private CommandResult kubectl(String stdin, String... args) throws CommandFailedException {
        List<String> argv = new java.util.ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
        argv.addAll(List.of(args));
        return new ProcessCommandRunner().run(new Command(argv, stdin, Map.of()));
    }

    @Test
    void kubectlCreatesListsLabelsAndDeletes() throws CommandFailedException {
        CommandResult ns = kubectl("apiVersion: v1\nkind: Namespace\nmetadata: {name: demo}\n", "create", "-f", "-");
        assertThat(ns.exitCode()).as(ns.stderr()).isZero();
        CommandResult created = kubectl("""
                apiVersion: v1
                kind: Pod
                metadata: {name: web, namespace: demo, labels: {app: web}}
                spec:
                  nodeName: node-1
                  containers: [{name: c, image: none, ports: [{name: http, containerPort: 80}]}]
                """, "create", "-f", "-");
        assertThat(created.exitCode()).as(created.stderr()).isZero();
        CommandResult policy = kubectl("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: deny, namespace: demo}
                spec: {podSelector: {}}
                """, "create", "-f", "-");
        assertThat(policy.exitCode()).as(policy.stderr()).isZero();
        CommandResult applied = kubectl("apiVersion: v1\nkind: Pod\nmetadata: {name: other, namespace: demo}\n"
                + "spec: {nodeName: node-2, containers: [{name: c, image: none}]}\n", "apply", "-f", "-");
        assertThat(applied.exitCode()).as(applied.stderr()).isZero();
        CommandResult pods = kubectl("", "get", "pods", "-A");
        assertThat(pods.exitCode()).as(pods.stderr()).isZero();
        assertThat(pods.stdout()).contains("demo").contains("web");
        CommandResult label = kubectl("", "label", "pod", "web", "-n", "demo", "role=frontend");
        assertThat(label.exitCode()).as(label.stderr()).isZero();
        assertThat(kubectl("", "get", "pod", "web", "-n", "demo", "-o", "jsonpath={.metadata.labels.role}").stdout())
                .isEqualTo("frontend");
        assertThat(kubectl("", "get", "netpol", "-n", "demo").stdout()).contains("deny");
        assertThat(kubectl("", "delete", "pod", "web", "-n", "demo").exitCode()).isZero();
        assertThat(kubectl("", "get", "pods", "-A").stdout()).doesNotContain("web");
    }
}
