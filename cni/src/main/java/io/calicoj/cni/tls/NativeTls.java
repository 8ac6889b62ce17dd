package io.calicoj.cni.tls;

import java.security.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.conscrypt.Conscrypt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Which TLS implementation the plugin's API connection uses. By default BoringSSL through Conscrypt:
 * a fresh JVM's first handshake in the JDK's own TLS (Java code, interpreted and compiled as it runs,
 * behind the JDK's provider and cipher-suite tables) is the longest step of an ADD, and native code
 * has none of that to do (measured here: ~55 ms less wall time and ~90 ms less CPU per ADD). When
 * Conscrypt's JNI library cannot be loaded (not on {@code java.library.path}, another architecture or
 * C library) the plugin uses the JDK's TLS and says why at info level: slower, the same behaviour.
 *
 * <p>The JVM property {@value #PROPERTY} chooses: {@code native} (the default) or {@code jdk}; the
 * installed plugin takes it from install-cni's {@code CALICOJ_CNI_JAVA_OPTS}. Either way the trust
 * decisions are the same code ({@link io.calicoj.kube.tls.KubeTls}'s trust managers).
 */
public final class NativeTls {

    private static final Logger log = LoggerFactory.getLogger(NativeTls.class);

    /** The JVM property that chooses the TLS implementation. */
    public static final String PROPERTY = "calicoj.cni.tls";

    private NativeTls() {
    }

    /**
     * What was chosen, and what to say about it: said by the thread that uses the choice, once the
     * plugin's log level is set (the choice may be made before, by {@link #loadAhead}).
     *
     * @param provider {@code null} for the JDK's TLS
     */
    record Choice(Provider provider, List<Note> notes) {
    }

    /** One log line of a {@link Choice}. */
    record Note(Level level, String message) {
    }

    /** The choice, made once per process: on the thread {@link #loadAhead} starts, or else by the first asking. */
    private static final FutureTask<Choice> CHOSEN = new FutureTask<>(() -> choose(System.getProperty(PROPERTY, ""),
            NativeTls::conscrypt));

    private static final AtomicBoolean SAID = new AtomicBoolean();

    /**
     * Starts loading the library on a daemon thread, for a process that will connect: loading it and
     * making the provider (25-40 ms of a fresh JVM) then overlap reading the configuration and making
     * the trust managers, which do not need it. The choice is still made once: a task that ran or runs
     * does nothing when run again.
     */
    public static void loadAhead() {
        Thread t = new Thread(CHOSEN, "tls-load-ahead");
        t.setDaemon(true);
        t.start();
    }

    /** The provider for the API connection: Conscrypt's, or {@code null} for the JDK's TLS. */
    public static Provider provider() {
        CHOSEN.run(); // nothing when it ran or runs already
        Choice choice;
        try {
            choice = CHOSEN.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("choosing the TLS implementation failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        if (SAID.compareAndSet(false, true)) {
            choice.notes().forEach(n -> log.atLevel(n.level()).log(n.message()));
        }
        return choice.provider();
    }

    /**
     * The choice for the setting {@code value} of {@value #PROPERTY}, with {@code conscrypt} making
     * Conscrypt's provider (it may throw when the library cannot be loaded).
     */
    static Choice choose(String value, Supplier<Provider> conscrypt) {
        String setting = value.strip().toLowerCase(Locale.ROOT);
        if (setting.equals("jdk")) {
            return new Choice(null, List.of(new Note(Level.DEBUG, "TLS to the API server: the JDK's (" + PROPERTY + "=jdk)")));
        }
        List<Note> notes = new ArrayList<>();
        if (!setting.isEmpty() && !setting.equals("native")) {
            notes.add(new Note(Level.WARN, PROPERTY + ": unknown value \"" + value + "\" (expected native or jdk); using native"));
        }
        Provider p;
        try {
            p = conscrypt.get();
            notes.add(new Note(Level.DEBUG, "TLS to the API server: BoringSSL (" + p.getName() + ")"));
        } catch (LinkageError | RuntimeException e) {
            p = null;
            // build-cds.sh fails a training run that logs this (its archive would miss the native path).
            notes.add(new Note(Level.INFO, "TLS to the API server: the JDK's; Conscrypt's native library cannot be loaded ("
                    + reason(e) + ")"));
        }
        return new Choice(p, List.copyOf(notes));
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
