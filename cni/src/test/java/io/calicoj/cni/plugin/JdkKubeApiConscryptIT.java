package io.calicoj.cni.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.cni.tls.NativeTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import org.junit.jupiter.api.Test;

/** {@link JdkKubeApiContract} with what the plugin uses by default: BoringSSL through Conscrypt. */
class JdkKubeApiConscryptIT extends JdkKubeApiContract {

    @Override
    Provider tls() {
        return NativeTls.provider();
    }

    @Test
    void theDefaultIsConscryptsNativeTlsWithTheLibraryTheBuildShips() throws Exception {
        assertThat(System.getProperty(NativeTls.PROPERTY)).isNull();
        Provider p = tls();

        assertThat(p).as("Conscrypt's library loads here").isNotNull();
        assertThat(p.getName()).isEqualTo("Conscrypt");
        // The jar on the class path is target/lib's, without libraries: the one mapped is target/native's.
        assertThat(Files.readString(Path.of("/proc/self/maps")))
                .contains(Path.of(System.getProperty("calicoj.cni.native")).resolve("libconscrypt_openjdk_jni-").toString());
    }
}
