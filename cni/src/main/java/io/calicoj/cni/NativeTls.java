package io.calicoj.cni;

import java.security.Provider;
import java.util.Locale;
import java.util.function.Supplier;
import org.conscrypt.Conscrypt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which TLS implementation the plugin's API connection uses. By default BoringSSL through Conscrypt:
 * a fresh JVM's first handshake in the JDK's own TLS (Java code, interpreted and compiled as it runs,
 * behind the JDK's provider and cipher-suite tables) is the longest step of an ADD, and native code
 * has none of that to do (make bench: ADD p50 and CPU in the closing note of the change). When
 * Conscrypt's JNI library cannot be loaded (not on {@code java.library.path}, another architecture or
 * C library) the plugin uses the JDK's TLS and says why at info level: slower, the same behaviour.
 *
 * <p>The JVM property {@value #PROPERTY} chooses: {@code native} (the default) or {@code jdk}; the
 * installed plugin takes it from install-cni's {@code CALICOJ_CNI_JAVA_OPTS}. Either way the trust
 * decisions are the same code ({@link io.calicoj.datastore.kubeapi.KubeTls}'s trust managers).
 */
final class NativeTls {

    private static final Logger log = LoggerFactory.getLogger(NativeTls.class);

    /** The JVM property that chooses the TLS implementation. */
    static final String PROPERTY = "calicoj.cni.tls";

    private NativeTls() {
    }

    /** The provider for the API connection: Conscrypt's, or {@code null} for the JDK's TLS. */
    static Provider provider() {
        return choose(System.getProperty(PROPERTY, ""), NativeTls::conscrypt);
    }

    /**
     * The provider for the setting {@code value} of {@value #PROPERTY}, with {@code conscrypt} making
     * Conscrypt's (it may throw when the library cannot be loaded); {@code null} means the JDK's TLS.
     */
    static Provider choose(String value, Supplier<Provider> conscrypt) {
        String setting = value.strip().toLowerCase(Locale.ROOT);
        if (setting.equals("jdk")) {
            log.debug("TLS to the API server: the JDK's ({}=jdk)", PROPERTY);
            return null;
        }
        if (!setting.isEmpty() && !setting.equals("native")) {
            log.warn("{}: unknown value \"{}\" (expected native or jdk); using native", PROPERTY, value);
        }
        try {
            Provider p = conscrypt.get();
            log.debug("TLS to the API server: BoringSSL ({})", p.getName());
            return p;
        } catch (LinkageError | RuntimeException e) {
            log.info("TLS to the API server: the JDK's; Conscrypt's native library cannot be loaded ({})", reason(e));
            return null;
        }
    }

    /** Conscrypt's provider, once its JNI library is loaded (the first use loads it). */
    private static Provider conscrypt() {
        Conscrypt.checkAvailability();
        return Conscrypt.newProvider();
    }

    /** The innermost message: Conscrypt wraps the loader's error. */
    static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
