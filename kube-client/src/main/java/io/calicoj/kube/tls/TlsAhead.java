package io.calicoj.kube.tls;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cold work of a fresh JVM's first TLS handshake, for the short-lived programs (the CNI plugin,
 * calicoctl): the cheapest of the JDK's equally good choices, and work the handshake needs anyway done
 * ahead on daemon threads while the program still reads its configuration and builds its client. The
 * handshake itself and what is offered are unchanged; the server's name is checked once, by
 * {@link KubeTls} (by kubectl's rules).
 *
 * <ul>
 *   <li>{@linkplain #preferCheapKeyShares() Key share order}: a JDK client's first ClientHello carries
 *       two ephemeral keys, X25519 and the first NIST curve of its list, P-256 by default. The JDK's
 *       P-256 code builds a table of multiples of the curve's generator when its class is initialised,
 *       which costs a fresh JVM 150-250 ms of CPU (JDK 25 here), far more than a P-384 key (40-60 ms).
 *       Listing P-384 before P-256 makes that second share P-384; every group stays offered, so a
 *       server picks what it always did (X25519, or a NIST curve when it runs in FIPS mode, where P-384
 *       is as acceptable as P-256; a server that only has P-256 asks for it, one round trip more).
 *       (Generating the key shares ahead as well was measured: no gain once P-256 is out, and it is
 *       CPU a node starting many pods at once does not have to spare.)</li>
 *   <li>{@linkplain #ecKey Signature curves}: an API server whose CA has an EC key (k3s, for one)
 *       most likely signs with one on the same curve, and a client certificate with an EC key signs
 *       on its curve; the first signature checked or made initialises that curve's code (for P-256,
 *       the table above), so it is prepared ahead.</li>
 *   <li>{@linkplain KubeTls#checkHostnamesOnlyInKubeTls() Host names checked once}: the JDK's own check of
 *       the server's name loads the JDK's root certificates on the first handshake (see
 *       {@link HostnameCheckingTrustManager}); {@link KubeTls}'s trust managers check the name themselves,
 *       so the JDK's HTTP client is told not to ask for its check as well.</li>
 * </ul>
 * Each starts at most once per JVM; a step the JDK does not have is skipped.
 */
public final class TlsAhead {

    /** The JDK's property for the groups a client offers, in order of preference. */
    static final String NAMED_GROUPS_PROPERTY = "jdk.tls.namedGroups";

    /** The JDK's default groups (17 to 25), with P-384 moved before P-256. */
    static final String NAMED_GROUPS =
            "x25519,secp384r1,secp256r1,secp521r1,x448,ffdhe2048,ffdhe3072,ffdhe4096,ffdhe6144,ffdhe8192";

    private static final Set<Integer> CURVES = ConcurrentHashMap.newKeySet();

    private TlsAhead() {
    }

    /**
     * For a short-lived program whose every HTTPS client is the lean client's
     * ({@code io.calicoj.kube.client.KubeHttpClient}), at its very start: the cheaper key share order
     * (unless {@code -Djdk.tls.namedGroups} chose one), and the server's name checked by {@link KubeTls} only.
     */
    public static void start() {
        preferCheapKeyShares();
        KubeTls.checkHostnamesOnlyInKubeTls();
    }

    /**
     * Sets {@code jdk.tls.namedGroups} to {@link #NAMED_GROUPS} unless it is set. Only before the JVM's
     * first TLS use (the JDK reads it once) and only in a program of ours that owns its JVM.
     */
    public static void preferCheapKeyShares() {
        if (System.getProperty(NAMED_GROUPS_PROPERTY) == null) {
            System.setProperty(NAMED_GROUPS_PROPERTY, NAMED_GROUPS);
        }
    }

    /**
     * Prepares the curve of {@code key} (the CA's, or the client certificate's) when it is an EC key;
     * an RSA or other key needs nothing ahead.
     */
    public static void ecKey(PublicKey key) {
        if (key instanceof ECPublicKey ec && CURVES.add(ec.getParams().getCurve().getField().getFieldSize())) {
            daemon("tls-curve", () -> generate(ec.getParams()));
        }
    }

    /** Generates (and drops) a key pair on the curve: its class initialisation is what the handshake needs. */
    private static void generate(AlgorithmParameterSpec curve) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(curve);
            g.generateKeyPair();
        } catch (GeneralSecurityException | RuntimeException e) {
            // A curve this JDK cannot do: its handshake cannot use it either.
        }
    }

    private static void daemon(String name, Runnable work) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        t.start();
    }
}
