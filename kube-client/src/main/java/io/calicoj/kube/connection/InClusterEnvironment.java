package io.calicoj.kube.connection;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where a pod finds its service account: {@code KUBERNETES_SERVICE_HOST}/{@code _PORT} and the
 * files Kubernetes mounts. Injectable so tests need no real mount.
 */
public record InClusterEnvironment(Map<String, String> env, Path tokenFile, Path caFile) {

    public static final Path SERVICE_ACCOUNT_DIR = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

    public InClusterEnvironment {
        env = Map.copyOf(env);
    }

    public static InClusterEnvironment of(Map<String, String> env) {
        return new InClusterEnvironment(env, SERVICE_ACCOUNT_DIR.resolve("token"), SERVICE_ACCOUNT_DIR.resolve("ca.crt"));
    }

    /** The in-cluster API server URL, or empty when not running in a pod. */
    String server() {
        String host = env.getOrDefault("KUBERNETES_SERVICE_HOST", "");
        String port = env.getOrDefault("KUBERNETES_SERVICE_PORT", "");
        if (host.isEmpty() || port.isEmpty()) {
            return "";
        }
        return "https://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
