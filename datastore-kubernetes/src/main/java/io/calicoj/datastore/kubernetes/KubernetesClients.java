package io.calicoj.datastore.kubernetes;

import io.calicoj.datastore.KubeConnection;
import io.calicoj.datastore.UserAgent;
import io.calicoj.datastore.config.ConfigException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.internal.SSLUtils;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.Collection;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds fabric8 clients (JDK HTTP client) from a {@link KubeConnection} and from nothing else:
 * fabric8's own configuration sources (kubeconfig, {@code KUBERNETES_*} environment variables,
 * {@code kubernetes.*} system properties, the service account) are never consulted, so the
 * connection Calico's settings resolved is exactly the one used.
 *
 * <p>fabric8's HTTP logging (request headers at TRACE, the token among them) is switched off, so
 * no log level shows a credential. When a CA is configured, only that CA is trusted (fabric8 alone would also trust the JDK's
 * public CAs), as with kubectl and Calico. Retries are left to the callers: the syncer reconnects
 * with its own backoff and relists; calicoctl fails fast.
 *
 * <p>Every request names its program in {@code User-Agent} ({@code calico-felix/<version>},
 * {@code calicoctl/<version>}), as Calico's components do: API server audit logs, and the RBAC
 * check of the hosted install, tell them apart by it.
 */
public final class KubernetesClients {

    /** Connect timeout: an unreachable API server is reported within this time. */
    static final int CONNECT_TIMEOUT_MS = 10_000;
    /** Per request: a LIST of every pod of a large cluster must fit. */
    static final int REQUEST_TIMEOUT_MS = 60_000;
    /** The name under which fabric8 registers its request/response logger. */
    private static final String FABRIC8_HTTP_LOGGING = "HttpLogging";

    /** The User-Agent program of calico-felix (the syncer). */
    public static final String CALICO_FELIX = "calico-felix";
    /** The User-Agent program of calicoctl. */
    public static final String CALICOCTL = "calicoctl";
    /** The User-Agent program of any other client. */
    public static final String CALICOJ = "calicoj";

    private KubernetesClients() {
    }

    /**
     * A client for {@code connection} with the {@link #CALICOJ} User-Agent. The caller owns (and closes) it.
     *
     * @throws ConfigException when the certificate or key material cannot be used (never showing the key)
     */
    public static KubernetesClient create(KubeConnection connection) {
        return create(connection, CALICOJ);
    }

    /**
     * A client for {@code connection} whose requests say {@code User-Agent: <program>/<version>}.
     * The caller owns (and closes) it.
     *
     * @throws ConfigException when the certificate or key material cannot be used (never showing the key)
     */
    public static KubernetesClient create(KubeConnection connection, String program) {
        Config config = config(connection, program);
        KubernetesClientBuilder builder = new KubernetesClientBuilder()
                .withConfig(config)
                .withHttpClientFactory(new JdkHttpClientFactory());
        KeyManager[] keys = keyManagers(config); // checked here, so that a bad key gets our message
        TrustManager[] pinned = connection.caCertificatePem() != null && !connection.insecureSkipTlsVerify()
                ? trustOnly(connection.caCertificatePem()) : null;
        builder.withHttpClientBuilderConsumer(http -> {
            // fabric8 logs every request header at TRACE, the bearer token included: not here.
            http.addOrReplaceInterceptor(FABRIC8_HTTP_LOGGING, new Interceptor() {
            });
            if (pinned != null) {
                http.sslContext(keys, pinned);
            }
        });
        return builder.build();
    }

    /** fabric8's configuration for {@code connection}, with auto-configuration off. */
    static Config config(KubeConnection c, String program) {
        ConfigBuilder b = new ConfigBuilder(Config.empty())
                .withAutoConfigure(false)
                .withUserAgent(userAgent(program))
                .withMasterUrl(c.server())
                .withTrustCerts(c.insecureSkipTlsVerify())
                .withDisableHostnameVerification(c.insecureSkipTlsVerify())
                // The syncer decides how to resume a watch (re-watch, or relist after a failure).
                .withWatchReconnectLimit(0)
                .withRequestRetryBackoffLimit(0)
                .withConnectionTimeout(CONNECT_TIMEOUT_MS)
                .withRequestTimeout(REQUEST_TIMEOUT_MS);
        if (c.caCertificatePem() != null) {
            b.withCaCertData(base64(c.caCertificatePem()));
        }
        if (c.clientCertificatePem() != null) {
            b.withClientCertData(base64(c.clientCertificatePem()));
        }
        if (c.clientKeyPem() != null) {
            b.withClientKeyData(base64(c.clientKeyPem())).withClientKeyAlgo(keyAlgorithm(c.clientKeyPem()));
        }
        if (c.bearerToken() != null && !c.bearerToken().isEmpty()) {
            b.withOauthToken(c.bearerToken());
        }
        return b.build();
    }

    /** {@code <program>/<version>}, the version of this jar (or {@code dev} when run from classes). */
    static String userAgent(String program) {
        return UserAgent.of(program, "calicoj-datastore-kubernetes");
    }

    /** {@code EC} for SEC1 EC keys, {@code RSA} otherwise (fabric8 then also tries EC for PKCS#8 keys). */
    static String keyAlgorithm(String keyPem) {
        return keyPem.contains("BEGIN EC PRIVATE KEY") ? "EC" : "RSA";
    }

    private static TrustManager[] trustOnly(String caPem) {
        try {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(caPem.getBytes(StandardCharsets.UTF_8)));
            if (certs.isEmpty()) {
                throw new ConfigException("Kubernetes CA certificate: no PEM certificate found");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate cert : certs) {
                store.setCertificateEntry("ca-" + i++, cert);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            return tmf.getTrustManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigException("Kubernetes CA certificate cannot be used: " + e.getMessage(), e);
        }
    }

    private static KeyManager[] keyManagers(Config config) {
        if (config.getClientCertData() == null) {
            return null;
        }
        try {
            return SSLUtils.keyManagers(config);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            // The message of a key parser could quote key material: name the setting only.
            throw new ConfigException("Kubernetes client certificate or key cannot be used ("
                    + e.getClass().getSimpleName() + "): check K8S_CERT_FILE/K8S_KEY_FILE or the kubeconfig's client-certificate/client-key");
        }
    }

    private static String base64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
    }
}
