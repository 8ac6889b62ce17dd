package io.calicoj.cni;

import io.calicoj.datastore.KubeConnection;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS context for one API server: trust exactly the configured CA (not the JDK's ~150 roots,
 * which also saves loading them), present the client certificate when there is one, and verify
 * nothing only when {@code insecure-skip-tls-verify} says so.
 */
final class TlsContexts {

    private TlsContexts() {
    }

    static SSLContext of(KubeConnection c) throws CniException {
        try {
            TrustManager[] trust = null;
            if (c.insecureSkipTlsVerify()) {
                trust = new TrustManager[] {new TrustEverything()};
            } else if (c.caCertificatePem() != null) {
                KeyStore ks = emptyKeyStore();
                int n = 0;
                for (X509Certificate cert : Pem.certificates(c.caCertificatePem(), "Kubernetes CA")) {
                    ks.setCertificateEntry("ca" + n++, cert);
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(ks);
                trust = tmf.getTrustManagers();
            }
            KeyManager[] keys = null;
            if (c.clientCertificatePem() != null && c.clientKeyPem() != null) {
                List<X509Certificate> chain = Pem.certificates(c.clientCertificatePem(), "Kubernetes client certificate");
                PrivateKey key = Pem.privateKey(c.clientKeyPem(), "Kubernetes client key");
                KeyStore ks = emptyKeyStore();
                char[] password = new char[0];
                ks.setKeyEntry("client", key, password, chain.toArray(new X509Certificate[0]));
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, password);
                keys = kmf.getKeyManagers();
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keys, trust, null);
            return ctx;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new CniException(CniException.INVALID_NETWORK_CONFIG,
                    "cannot set up TLS for the Kubernetes API: " + e.getMessage());
        }
    }

    private static KeyStore emptyKeyStore() throws GeneralSecurityException, java.io.IOException {
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
