package io.calicoj.kube.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's certificate path validation for one API server, followed by our check that the server's
 * certificate names the host dialled ({@link ServerNames}). The JDK's trust manager makes the chain
 * checks (trust anchors, validity, key usage, disabled algorithms, the TLS session's constraints);
 * it also checks the name itself when the connection asks it to, which the JDK's HTTP client does
 * unless told not to ({@link KubeTls#checkHostnamesOnlyInKubeTls}).
 *
 * <p>Why a check of our own: the JDK's, on the first handshake of every JVM, loads the JDK's ~150
 * root certificates ({@code sun.security.util.AnchorCertificates}, 60-100 ms of CPU) to decide whether
 * a wildcard rule meant for public CAs applies, even when only the cluster's CA is trusted. The CNI
 * plugin and calicoctl are fresh JVMs for every command.
 *
 * <p>The handshake may be run by another TLS implementation (the CNI plugin's Conscrypt), which names
 * a TLS 1.3 server's authentication {@value #TLS13_GENERIC} where the JDK says {@value #TLS13_JDK}; the
 * JDK's validator knows only its own name ("Unknown authType: GENERIC"), so that one is passed on.
 */
final class HostnameCheckingTrustManager extends X509ExtendedTrustManager {

    /** Conscrypt's (BoringSSL's) authentication type of a TLS 1.3 handshake: the key signs, whatever the suite. */
    static final String TLS13_GENERIC = "GENERIC";
    /** The JDK's name for the same: the key usage checked is that of a signing key. */
    static final String TLS13_JDK = "UNKNOWN";

    private final X509ExtendedTrustManager chains;
    private final String host;

    HostnameCheckingTrustManager(X509ExtendedTrustManager chains, String host) {
        this.chains = chains;
        this.host = host;
    }

    /** Every X.509 manager of {@code managers} wrapped to check {@code host}; there is one in the JDK's PKIX factory. */
    static TrustManager[] wrap(TrustManager[] managers, String host) {
        TrustManager[] wrapped = new TrustManager[managers.length];
        for (int i = 0; i < managers.length; i++) {
            if (!(managers[i] instanceof X509ExtendedTrustManager x)) {
                throw new IllegalStateException("the JDK's trust manager is not an X509ExtendedTrustManager: " + managers[i]);
            }
            wrapped[i] = new HostnameCheckingTrustManager(x, host);
        }
        return wrapped;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        chains.checkServerTrusted(chain, jdkAuthType(authType), engine);
        ServerNames.check(host, chain[0]);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        chains.checkServerTrusted(chain, jdkAuthType(authType), socket);
        ServerNames.check(host, chain[0]);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        chains.checkServerTrusted(chain, jdkAuthType(authType));
        ServerNames.check(host, chain[0]);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        chains.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        chains.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        chains.checkClientTrusted(chain, authType);
    }

    private static String jdkAuthType(String authType) {
        return TLS13_GENERIC.equals(authType) ? TLS13_JDK : authType;
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return chains.getAcceptedIssuers();
    }
}
