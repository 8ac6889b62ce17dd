package io.calicoj.cni.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.cni.tls.NativeTls.Choice;
import io.calicoj.cni.tls.NativeTls.Note;
import java.security.Provider;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class NativeTlsTest {

    private static final Provider NATIVE = new Provider("FakeNative", "1.0", "stands in for Conscrypt") {
        private static final long serialVersionUID = 1L;
    };

    private final AtomicInteger loads = new AtomicInteger();

    private Supplier<Provider> loading(Supplier<Provider> result) {
        return () -> {
            loads.incrementAndGet();
            return result.get();
        };
    }

    @Test
    void nativeTlsIsTheDefaultAndCanBeAskedForByName() {
        for (String setting : new String[] {"", "native", " Native "}) {
            Choice c = NativeTls.choose(setting, loading(() -> NATIVE));
            assertThat(c.provider()).isSameAs(NATIVE);
            assertThat(c.notes()).containsExactly(new Note(Level.DEBUG, "TLS to the API server: BoringSSL (FakeNative)"));
        }
        assertThat(loads).hasValue(3);
    }

    @Test
    void jdkChoosesTheJdksTlsWithoutLoadingTheNativeLibrary() {
        assertThat(NativeTls.choose("jdk", loading(() -> NATIVE)).provider()).isNull();
        assertThat(NativeTls.choose("JDK", loading(() -> NATIVE)).notes())
                .containsExactly(new Note(Level.DEBUG, "TLS to the API server: the JDK's (calicoj.cni.tls=jdk)"));
        assertThat(loads).hasValue(0);
    }

    @Test
    void anUnknownSettingIsNamedWithItsValueAndMeansTheDefault() {
        Choice c = NativeTls.choose("openssl", loading(() -> NATIVE));

        assertThat(c.provider()).isSameAs(NATIVE);
        assertThat(c.notes()).first().isEqualTo(new Note(Level.WARN,
                "calicoj.cni.tls: unknown value \"openssl\" (expected native or jdk); using native"));
    }

    @Test
    void aLibraryThatCannotBeLoadedLeavesTheJdksTlsAndSaysWhyAtInfo() {
        Choice c = NativeTls.choose("", () -> {
            throw new UnsatisfiedLinkError("no conscrypt_openjdk_jni-linux-x86_64 in java.library.path: /nowhere");
        });

        assertThat(c.provider()).isNull();
        assertThat(c.notes()).containsExactly(new Note(Level.INFO, "TLS to the API server: the JDK's; Conscrypt's native"
                + " library cannot be loaded (UnsatisfiedLinkError: no conscrypt_openjdk_jni-linux-x86_64 in java.library.path:"
                + " /nowhere)"));
        assertThat(NativeTls.choose("", () -> {
            throw new NoClassDefFoundError("org/conscrypt/NativeCrypto");
        }).provider()).isNull();
        assertThat(NativeTls.choose("native", () -> {
            throw new IllegalStateException("boringssl self-test failed");
        }).provider()).isNull();
    }

    @Test
    void theReasonIsTheInnermostError() {
        Throwable wrapped = new UnsatisfiedLinkError("Failed to load any of the given libraries");
        wrapped.initCause(new UnsatisfiedLinkError("no conscrypt in java.library.path: /opt/cni/bin/calicoj-cni/native"));

        assertThat(NativeTls.reason(wrapped))
                .isEqualTo("UnsatisfiedLinkError: no conscrypt in java.library.path: /opt/cni/bin/calicoj-cni/native");
        assertThat(NativeTls.reason(new NoClassDefFoundError())).isEqualTo("NoClassDefFoundError");
    }
}
