package io.calicoj.sandbox;

import io.calicoj.sandbox.cluster.SandboxDir;
import io.calicoj.sandbox.cluster.SandboxState;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;

/** Access to the sandbox a command works on: its directory, state and API. */
final class SandboxContext {

    private SandboxContext() {
    }

    static SandboxDir dir() {
        return SandboxDir.fromEnvironment(System.getenv());
    }

    /** The running sandbox's state; a clear error when there is none. */
    static SandboxState state(SandboxDir dir) throws IOException {
        if (!Files.exists(dir.state())) {
            throw new IllegalStateException("no sandbox in " + dir.root() + ": run 'calico-sandbox up' first");
        }
        return SandboxState.read(dir.state());
    }

    static KubernetesClient client(SandboxState state) {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl("http://127.0.0.1:" + state.apiPort())
                .withRequestTimeout(10_000).withConnectionTimeout(5_000).build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** The network namespace of a pod or a node ({@code node/<name>}). */
    static String netnsOf(SandboxState state, String target) {
        if (target.startsWith("node/")) {
            String node = target.substring("node/".length());
            if (!node.startsWith("node-")) {
                throw new IllegalArgumentException("nodes are called node-1 … node-" + state.nodes() + ", not " + node);
            }
            int index = Integer.parseInt(node.substring("node-".length()));
            if (index < 1 || index > state.nodes()) {
                throw new IllegalArgumentException("no node " + node + " (this sandbox has " + state.nodes() + ")");
            }
            return state.prefix() + "-n" + index;
        }
        int slash = target.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("a target is <namespace>/<pod> or node/<node>, not " + target);
        }
        return state.prefix() + "-pod-" + target.substring(0, slash) + "-" + target.substring(slash + 1);
    }
}
