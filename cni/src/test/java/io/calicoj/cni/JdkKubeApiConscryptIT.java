package io.calicoj.cni;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Provider;
import org.junit.jupiter.api.Test;

/** {@link JdkKubeApiContract} with what the plugin uses by default: BoringSSL through Conscrypt. */
class JdkKubeApiConscryptIT extends JdkKubeApiContract {

    @Override
    Provider tls() {
        return NativeTls.provider();
    }

    @Test
    void theDefaultIsConscryptsNativeTls() {
        assertThat(System.getProperty(NativeTls.PROPERTY)).isNull();
        Provider p = tls();

        assertThat(p).as("Conscrypt's library loads here").isNotNull();
        assertThat(p.getName()).isEqualTo("Conscrypt");
    }
}
