package io.calicoj.kube.connection;

import io.calicoj.datastore.config.ConfigException;
import io.calicoj.datastore.config.DatastoreConfig;
import io.calicoj.datastore.config.DatastoreType;
import io.calicoj.datastore.config.KubernetesSettings;
import io.calicoj.datastore.config.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves how to reach the Kubernetes API: the kubeconfig (when set), with every explicit
 * setting ({@code K8S_API_ENDPOINT}, {@code K8S_CERT_FILE}, {@code K8S_KEY_FILE},
 * {@code K8S_CA_FILE}, {@code K8S_API_TOKEN}/{@code K8S_TOKEN},
 * {@code K8S_INSECURE_SKIP_TLS_VERIFY}) overriding it; with nothing set, the pod's service
 * account. TLS verification stays on unless explicitly skipped.
 */
public final class KubeConnections {

    private KubeConnections() {
    }

    /**
     * The connection of a loaded configuration, which must be the Kubernetes datastore's.
     *
     * @throws ConfigException when the configuration is another datastore's, or incomplete, or a file cannot be read
     */
    public static KubeConnection of(DatastoreConfig config, InClusterEnvironment inCluster) {
        if (config.type() != DatastoreType.KUBERNETES) {
            throw new ConfigException("DATASTORE_TYPE is " + config.type() + " (from " + config.source()
                    + "), not kubernetes");
        }
        return resolve(config.kubernetes(), inCluster);
    }

    public static KubeConnection resolve(KubernetesSettings s, InClusterEnvironment inCluster) {
        String server = "";
        String ca = null;
        String cert = null;
        String key = null;
        Secret token = null;
        boolean insecure = false;
        if (!s.kubeconfig().isEmpty()) {
            Kubeconfig kc = Kubeconfig.load(Path.of(s.kubeconfig()));
            server = kc.server();
            ca = kc.caPem();
            cert = kc.clientCertPem();
            key = kc.clientKeyPem();
            token = kc.token();
            insecure = kc.insecureSkipTlsVerify();
        } else if (s.isEmpty()) {
            return inCluster(inCluster);
        }
        if (!s.apiEndpoint().isEmpty()) {
            server = s.apiEndpoint();
        }
        if (!s.caFile().isEmpty()) {
            ca = read("K8S_CA_FILE", s.caFile());
        }
        if (!s.certFile().isEmpty()) {
            cert = read("K8S_CERT_FILE", s.certFile());
        }
        if (!s.keyFile().isEmpty()) {
            key = read("K8S_KEY_FILE", s.keyFile());
        }
        if (s.token() != null) {
            token = s.token();
        }
        if (s.insecureSkipTlsVerify()) {
            insecure = true;
        }
        if (server.isEmpty()) {
            server = inCluster.server();
        }
        if (server.isEmpty()) {
            throw new ConfigException("no Kubernetes API server: set K8S_API_ENDPOINT or a kubeconfig with a server");
        }
        if ((cert == null) != (key == null)) {
            throw new ConfigException("a client certificate needs its key and a key its certificate"
                    + " (K8S_CERT_FILE and K8S_KEY_FILE, or the kubeconfig's client-certificate and client-key)");
        }
        return new KubeConnection(server, ca, cert, key, token == null ? null : token.reveal(), insecure);
    }

    private static KubeConnection inCluster(InClusterEnvironment env) {
        String server = env.server();
        if (server.isEmpty()) {
            throw new ConfigException("no Kubernetes API configured: set KUBECONFIG or K8S_API_ENDPOINT"
                    + " (KUBERNETES_SERVICE_HOST is not set, so this is not a pod with a service account)");
        }
        String token = read("service account token", env.tokenFile().toString()).trim();
        String ca = Files.exists(env.caFile()) ? read("service account CA", env.caFile().toString()) : null;
        return new KubeConnection(server, ca, null, null, token, false, env.tokenFile());
    }

    private static String read(String setting, String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            throw new ConfigException(setting + ": cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
