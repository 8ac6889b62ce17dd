package io.calicoj.datastore.config;

/**
 * The Kubernetes connection settings of a datastore configuration, each empty when not set.
 * Explicit settings override what the kubeconfig says.
 *
 * @param token {@code K8S_API_TOKEN} (Calico's code) or {@code K8S_TOKEN} (Calico's docs); {@code null} when unset
 */
public record KubernetesSettings(String kubeconfig, String apiEndpoint, String certFile, String keyFile, String caFile,
                                 Secret token, boolean insecureSkipTlsVerify, boolean disableNodePoll) {

    public static final KubernetesSettings NONE = new KubernetesSettings("", "", "", "", "", null, false, false);

    public KubernetesSettings {
        java.util.Objects.requireNonNull(kubeconfig, "kubeconfig");
        java.util.Objects.requireNonNull(apiEndpoint, "apiEndpoint");
        java.util.Objects.requireNonNull(certFile, "certFile");
        java.util.Objects.requireNonNull(keyFile, "keyFile");
        java.util.Objects.requireNonNull(caFile, "caFile");
    }

    /** Whether anything at all was configured (otherwise: in-cluster service account). */
    public boolean isEmpty() {
        return kubeconfig.isEmpty() && apiEndpoint.isEmpty() && certFile.isEmpty() && keyFile.isEmpty()
                && caFile.isEmpty() && token == null && !insecureSkipTlsVerify;
    }
}
