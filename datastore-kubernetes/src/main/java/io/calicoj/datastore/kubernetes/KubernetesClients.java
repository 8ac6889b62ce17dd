package io.calicoj.datastore.kubernetes;

import io.calicoj.datastore.config.ConfigException;
import io.calicoj.kube.connection.KubeConnection;
import io.calicoj.kube.connection.TokenFile;
import io.calicoj.kube.connection.UserAgent;
import io.calicoj.kube.tls.KubeTls;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;

/**
 * Builds fabric8 clients (JDK HTTP client) from a {@link KubeConnection} and from nothing else:
 * fabric8's own configuration sources (kubeconfig, {@code KUBERNETES_*} environment variables,
 * {@code kubernetes.*} system properties, the service account) are never consulted, so the
 * connection Calico's settings resolved is exactly the one used.
 *
 * <p>fabric8's HTTP logging (request headers at TRACE, the token among them) is switched off, so
 * no log level shows a credential. TLS is the lean client's ({@link KubeTls}): when a CA is configured,
 * only that CA is trusted (fabric8 alone would also trust the JDK's public CAs), as with kubectl and
 * Calico; client keys are read by the same code in every program. Retries are left to the callers: the syncer reconnects
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
        // Checked here, so that bad material gets our message (naming the setting, never the key).
        KeyManager[] keys = KubeTls.keyManagers(connection);
        TrustManager[] trust = KubeTls.trustManagers(connection);
        builder.withHttpClientBuilderConsumer(http -> {
            // fabric8 logs every request header at TRACE, the bearer token included: not here.
            http.addOrReplaceInterceptor(FABRIC8_HTTP_LOGGING, new Interceptor() {
            });
            if (keys != null || trust != null) {
                http.sslContext(keys, trust);
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
                .withRequestTimeout(REQUEST_TIMEOUT_MS)
                // Over TLS, HTTP/2 is agreed in the handshake. A plain-HTTP server (kubectl proxy, a local
                // stand-in) would only be offered an "Upgrade: h2c" on the first request, which such servers
                // rarely support well: HTTP/1.1 there.
                .withHttp2Disable(c.server().regionMatches(true, 0, "http://", 0, 7));
        if (c.bearerToken() != null && !c.bearerToken().isEmpty()) {
            b.withOauthToken(c.bearerToken());
            if (c.bearerTokenFile() != null) {
                // fabric8 asks for the token on every request; a rotated service account token is picked up.
                TokenFile file = new TokenFile(c.bearerTokenFile(), c.bearerToken());
                b.withOauthTokenProvider(file::get);
            }
        }
        return b.build();
    }

    /** {@code <program>/<version>}, the version of this jar (or {@code dev} when run from classes). */
    static String userAgent(String program) {
        return UserAgent.of(program, KubernetesClients.class);
    }
}
