package io.calicoj.sandbox.cluster;

import java.nio.file.Path;
import java.util.Map;

/**
 * The files of one sandbox: state, kubeconfigs, the API socket, per-node CNI configuration and
 * IPAM data, pod agent sockets and logs. Default {@code /run/calico-sandbox}, or
 * {@code $CALICO_SANDBOX_DIR}.
 */
public record SandboxDir(Path root) {

    public static final Path DEFAULT = Path.of("/run/calico-sandbox");

    public static SandboxDir fromEnvironment(Map<String, String> env) {
        String dir = env.get("CALICO_SANDBOX_DIR");
        return new SandboxDir(dir == null || dir.isBlank() ? DEFAULT : Path.of(dir).toAbsolutePath());
    }

    public Path state() {
        return root.resolve("state.json");
    }

    /** The kubeconfig for users (kubectl, calicoctl) in the machine's own namespace. */
    public Path kubeconfig() {
        return root.resolve("kubeconfig");
    }

    /** The API server's Unix socket, through which node namespaces reach it. */
    public Path apiSocket() {
        return root.resolve("api.sock");
    }

    public Path nodeDir(String node) {
        return root.resolve("nodes").resolve(node);
    }

    /** The kubeconfig components inside a node namespace use (http://127.0.0.1:6443, bridged to the API socket). */
    public Path nodeKubeconfig(String node) {
        return nodeDir(node).resolve("kubeconfig");
    }

    /**
     * The node's {@code /var/run/calico}: calico-felix's {@code EndpointStatusPathPrefix}, under which it
     * writes {@code endpoint-status/} for the CNI plugin. One per node, as on separate machines: agents
     * sharing one directory would remove each other's files.
     */
    public Path nodeVarRunCalico(String node) {
        return nodeDir(node).resolve("var-run-calico");
    }

    public Path cniBin() {
        return root.resolve("cni-bin");
    }

    public Path podSocket(String namespace, String pod) {
        return root.resolve("pods").resolve(namespace + "_" + pod + ".sock");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path log(String name) {
        return logs().resolve(name + ".log");
    }
}
