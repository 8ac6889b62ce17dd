package io.calicoj.cni.plugin;

import java.security.Provider;

/** {@link JdkKubeApiContract} with the JDK's own TLS: the plugin's fallback, and {@code -Dcalicoj.cni.tls=jdk}. */
class JdkKubeApiJdkTlsIT extends JdkKubeApiContract {

    @Override
    Provider tls() {
        return null; // what NativeTls chooses for calicoj.cni.tls=jdk (NativeTlsTest), and when Conscrypt cannot load
    }
}
