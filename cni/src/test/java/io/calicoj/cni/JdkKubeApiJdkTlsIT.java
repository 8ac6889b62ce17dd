package io.calicoj.cni;

import java.security.Provider;

/** {@link JdkKubeApiContract} with the JDK's own TLS: the plugin's fallback, and {@code -Dcalicoj.cni.tls=jdk}. */
class JdkKubeApiJdkTlsIT extends JdkKubeApiContract {

    @Override
    Provider tls() {
        return NativeTls.choose("jdk", () -> {
            throw new AssertionError("the JDK's TLS was asked for");
        }).provider();
    }
}
