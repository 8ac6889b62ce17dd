package io.calicoj.cni;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Provider;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

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
        assertThat(NativeTls.choose("", loading(() -> NATIVE))).isSameAs(NATIVE);
        assertThat(NativeTls.choose("native", loading(() -> NATIVE))).isSameAs(NATIVE);
        assertThat(NativeTls.choose(" Native ", loading(() -> NATIVE))).isSameAs(NATIVE);
        assertThat(loads).hasValue(3);
    }

    @Test
    void jdkChoosesTheJdksTlsWithoutLoadingTheNativeLibrary() {
        assertThat(NativeTls.choose("jdk", loading(() -> NATIVE))).isNull();
        assertThat(NativeTls.choose("JDK", loading(() -> NATIVE))).isNull();
        assertThat(loads).hasValue(0);
    }

    @Test
    void anUnknownSettingMeansTheDefault() {
        assertThat(NativeTls.choose("openssl", loading(() -> NATIVE))).isSameAs(NATIVE);
    }

    @Test
    void aLibraryThatCannotBeLoadedLeavesTheJdksTls() {
        assertThat(NativeTls.choose("", () -> {
            throw new UnsatisfiedLinkError("no conscrypt_openjdk_jni-linux-x86_64 in java.library.path");
        })).isNull();
        assertThat(NativeTls.choose("", () -> {
            throw new NoClassDefFoundError("org/conscrypt/NativeCrypto");
        })).isNull();
        assertThat(NativeTls.choose("native", () -> {
            throw new IllegalStateException("boringssl self-test failed");
        })).isNull();
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
