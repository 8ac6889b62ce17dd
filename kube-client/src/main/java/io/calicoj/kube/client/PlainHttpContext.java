package io.calicoj.kube.client;

import java.security.Provider;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The TLS context of an HTTP client that only ever speaks plain HTTP (to {@code http://} API
 * servers such as {@code kubectl proxy}): it refuses every TLS use, saying why.
 *
 * <p>The JDK's HTTP client holds a TLS context even when it never uses one, and every context the
 * JDK itself provides, even one never initialised, first sets up all of JSSE (providers, cipher
 * suites, algorithm constraints, crypto policy): 40-80 ms of a fresh JVM's start, for nothing.
 * This one touches none of it.
 */
final class PlainHttpContext extends SSLContext {

    static final String PROTOCOL = "plain-http";

    private static final Provider PROVIDER = new Provider("CalicoJPlainHttp", "1.0",
            "Calico/J: no TLS, for clients of plain-HTTP API servers") {
        private static final long serialVersionUID = 1L;
    };

    PlainHttpContext() {
        super(new Refusing(), PROVIDER, PROTOCOL);
    }

    /** Every operation fails: a plain-HTTP client has no TLS to offer. */
    private static final class Refusing extends SSLContextSpi {

        private static UnsupportedOperationException refused() {
            return new UnsupportedOperationException(
                    "this Kubernetes API client was made for a plain-HTTP (http://) server and cannot speak TLS");
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) {
            throw refused();
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            throw refused();
        }
    }
}
