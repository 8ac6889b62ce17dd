package io.calicoj.sandbox.api;

/** Kubeconfig files for the sandbox's API server (plain HTTP on loopback, no credentials). */
public final class Kubeconfigs {

    private Kubeconfigs() {
    }

    public static String forServer(String url) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: calico-sandbox
                  cluster:
                    server: %s
                users:
                - name: calico-sandbox
                  user: {}
                contexts:
                - name: calico-sandbox
                  context:
                    cluster: calico-sandbox
                    user: calico-sandbox
                current-context: calico-sandbox
                """.formatted(url);
    }
}
