package io.calicoj.kube.tls;

import io.calicoj.datastore.config.ConfigException;
import io.calicoj.kube.connection.KubeConnection;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS for one API server, the same for every program and client: trust exactly the configured CA
 * (not also the JDK's ~150 public roots, as kubectl and Calico do; it also saves loading them), the
 * JDK's trust store when no CA is configured, require the server's certificate to name the host of
 * the server URL ({@link ServerNames}: kubectl's rules), present the client certificate when there is
 * one, and verify nothing only when {@code insecure-skip-tls-verify} says so.
 */
public final class KubeTls {

    private static final String CA = "Kubernetes CA certificate (K8S_CA_FILE or the kubeconfig's certificate-authority)";
    private static final String CERTIFICATE =
            "Kubernetes client certificate (K8S_CERT_FILE or the kubeconfig's client-certificate)";
    private static final String KEY = "Kubernetes client key (K8S_KEY_FILE or the kubeconfig's client-key)";

    private KubeTls() {
    }

    /**
     * The TLS context for {@code c}, its handshakes run by the provider {@code tls} gives (a JCA provider
     * of {@code SSLContext.TLS}, such as Conscrypt's), or by the JDK's own TLS when {@code tls} is or gives
     * {@code null}. It is asked only once the key and trust managers are made, so a provider that is
     * still loading on another thread (the CNI plugin's) loads meanwhile. Who is trusted and which names
     * are accepted do not depend on it: the trust managers are this class's, whichever implementation
     * runs the handshake.
     *
     * @throws ConfigException when the CA, certificate or key cannot be used (never quoting the key)
     */
    public static SSLContext context(KubeConnection c, Supplier<Provider> tls) {
        try {
            KeyManager[] keys = keyManagers(c);
            TrustManager[] trust = trustManagers(c);
            Provider p = tls == null ? null : tls.get();
            SSLContext ctx = p == null ? SSLContext.getInstance("TLS") : SSLContext.getInstance("TLS", p);
            ctx.init(keys, trust, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new ConfigException("cannot set up TLS for the Kubernetes API: " + e.getMessage(), e);
        }
    }

    /** The JDK's HTTP client property that stops it asking JSSE to check the server's name. */
    static final String JDK_HOSTNAME_CHECK_OFF = "jdk.internal.httpclient.disableHostnameVerification";

    /**
     * Who is trusted: everyone when verification is skipped; otherwise only the configured CA when there
     * is one, else the JDK's default trust store, for a server certificate that names the host of
     * {@code c}'s server URL.
     *
     * @throws ConfigException when the CA cannot be used or the server URL has no host
     */
    public static TrustManager[] trustManagers(KubeConnection c) {
        if (c.insecureSkipTlsVerify()) {
            return new TrustManager[] {new TrustEverything()};
        }
        String host = serverHost(c);
        try {
            KeyStore ks = null;
            if (c.caCertificatePem() != null) {
                ks = emptyKeyStore();
                int n = 0;
                for (X509Certificate cert : Pem.certificates(c.caCertificatePem(), CA)) {
                    ks.setCertificateEntry("ca" + n++, cert);
                    TlsAhead.ecKey(cert.getPublicKey());
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            return HostnameCheckingTrustManager.wrap(tmf.getTrustManagers(), host);
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigException(CA + " cannot be used: " + e.getMessage(), e);
        }
    }

    /**
     * Tells the JDK's HTTP client not to have the server's name checked by JSSE as well: this class's
     * trust managers check it. The JDK reads the setting once, when its first HTTPS connection is made,
     * for every client in the JVM; so only for a program whose every HTTPS client is the lean client's
     * ({@code io.calicoj.kube.client.KubeHttpClient}: calicoctl, the CNI plugin), at its start. Elsewhere both check.
     */
    public static void checkHostnamesOnlyInKubeTls() {
        if (System.getProperty(JDK_HOSTNAME_CHECK_OFF) == null) {
            System.setProperty(JDK_HOSTNAME_CHECK_OFF, "true");
        }
    }

    /** The host of the server URL, as dialled (an IPv6 address in brackets). */
    static String serverHost(KubeConnection c) {
        String host = null;
        try {
            host = URI.create(c.server()).getHost();
        } catch (IllegalArgumentException e) {
            // Reported below.
        }
        if (host == null || host.isEmpty()) {
            throw new ConfigException("invalid Kubernetes API server URL \"" + c.server() + "\": expected https://<host>[:<port>]");
        }
        return host;
    }

    /** The client certificate and key to present; {@code null} when none is configured. */
    public static KeyManager[] keyManagers(KubeConnection c) {
        if (c.clientCertificatePem() == null || c.clientKeyPem() == null) {
            return null;
        }
        List<X509Certificate> chain = Pem.certificates(c.clientCertificatePem(), CERTIFICATE);
        if (!chain.isEmpty()) {
            TlsAhead.ecKey(chain.get(0).getPublicKey());
        }
        PrivateKey key = Pem.privateKey(c.clientKeyPem(), KEY);
        try {
            KeyStore ks = emptyKeyStore();
            char[] password = new char[0];
            ks.setKeyEntry("client", key, password, chain.toArray(new X509Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            return kmf.getKeyManagers();
        } catch (GeneralSecurityException | IOException e) {
            // A key store's message could describe the key: name the settings only.
            throw new ConfigException("Kubernetes client certificate or key cannot be used (" + e.getClass().getSimpleName()
                    + "): check K8S_CERT_FILE/K8S_KEY_FILE or the kubeconfig's client-certificate/client-key");
        }
    }

    private static KeyStore emptyKeyStore() throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        return ks;
    }

    /** {@code insecure-skip-tls-verify: true}: no chain and no host name check. */
    private static final class TrustEverything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
