package io.calicoj.kube.connection;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything needed to talk to one Kubernetes API server, resolved from a kubeconfig, the
 * explicit {@code K8S_*} settings and the in-cluster service account. Shared by the fabric8-based
 * datastore and the CNI plugin's small JDK HTTP client, so both connect the same way.
 *
 * <p>Certificate and key material is PEM text; {@code null} when not configured. The token and
 * the key never appear in {@link #toString()}.
 *
 * @param server                 the API server URL, e.g. {@code https://10.96.0.1:443}
 * @param caCertificatePem       CA bundle to trust, or {@code null} for the JDK's default trust store
 * @param clientCertificatePem   client certificate chain, or {@code null}
 * @param clientKeyPem           client private key (PKCS#8, PKCS#1 or EC), or {@code null}
 * @param bearerToken            bearer token, or {@code null}
 * @param insecureSkipTlsVerify  do not verify the server's certificate
 * @param bearerTokenFile        the file the token was read from when it is a service account's (the
 *                               kubelet rotates projected tokens in place: long-running programs re-read
 *                               it), or {@code null}
 */
public record KubeConnection(String server, String caCertificatePem, String clientCertificatePem,
                             String clientKeyPem, String bearerToken, boolean insecureSkipTlsVerify,
                             Path bearerTokenFile) {

    public KubeConnection {
        Objects.requireNonNull(server, "server");
    }

    /** A connection whose token, if any, does not come from a file that changes. */
    public KubeConnection(String server, String caCertificatePem, String clientCertificatePem,
                          String clientKeyPem, String bearerToken, boolean insecureSkipTlsVerify) {
        this(server, caCertificatePem, clientCertificatePem, clientKeyPem, bearerToken, insecureSkipTlsVerify, null);
    }

    @Override
    public String toString() {
        return "KubeConnection[server=" + server
                + ", ca=" + (caCertificatePem == null ? "default" : "configured")
                + ", clientCertificate=" + (clientCertificatePem == null ? "none" : "configured")
                + ", clientKey=" + (clientKeyPem == null ? "none" : "<redacted>")
                + ", bearerToken=" + (bearerToken == null ? "none" : "<redacted>")
                + ", insecureSkipTlsVerify=" + insecureSkipTlsVerify
                + (bearerTokenFile == null ? "" : ", bearerTokenFile=" + bearerTokenFile) + "]";
    }
}
