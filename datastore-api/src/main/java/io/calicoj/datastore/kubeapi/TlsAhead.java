package io.calicoj.datastore.kubeapi;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The cold work of a fresh JVM's first TLS handshake, for the short-lived programs (the CNI plugin,
 * calicoctl): done ahead on daemon threads while the program still reads its configuration and builds
 * its client, and the cheapest of the JDK's equally good choices. The handshake itself, what is
 * offered and what is verified are unchanged.
 *
 * <ul>
 *   <li>{@linkplain #preferCheapKeyShares() Key share order}: a JDK client's first ClientHello carries
 *       two ephemeral keys, X25519 and the first NIST curve of its list, P-256 by default. The JDK's
 *       P-256 code builds a table of multiples of the curve's generator when its class is initialised,
 *       which costs a fresh JVM 150-250 ms of CPU (JDK 25 here), far more than a P-384 key (40-60 ms).
 *       Listing P-384 before P-256 makes that second share P-384; every group stays offered, so a
 *       server picks what it always did (X25519, or a NIST curve when it runs in FIPS mode, where P-384
 *       is as acceptable as P-256; a server that only has P-256 asks for it, one round trip more).</li>
 *   <li>{@linkplain #keyShares() Key shares}: those two key pairs are generated once ahead.</li>
 *   <li>{@linkplain #ecKey Signature curves}: an API server whose CA has an EC key (k3s, for one)
 *       most likely signs with one on the same curve, and a client certificate with an EC key signs
 *       on its curve; the first signature checked or made initialises that curve's code, so it is
 *       prepared ahead too.</li>
 *   <li>{@linkplain #jdkRoots() JDK roots}: the JDK checks the server's host name on the first
 *       handshake and, to apply its stricter wildcard rules to public CAs only, loads its own root
 *       certificates then ({@code sun.security.util.AnchorCertificates}: about 150 certificates parsed,
 *       25-40 ms) even when only the cluster's CA is trusted.</li>
 * </ul>
 * Each starts at most once per JVM; a step the JDK does not have is skipped.
 */
public final class TlsAhead {

    /** The JDK's property for the groups a client offers, in order of preference. */
    static final String NAMED_GROUPS_PROPERTY = "jdk.tls.namedGroups";

    /** The JDK's default groups (17 to 25), with P-384 moved before P-256. */
    static final String NAMED_GROUPS =
            "x25519,secp384r1,secp256r1,secp521r1,x448,ffdhe2048,ffdhe3072,ffdhe4096,ffdhe6144,ffdhe8192";

    /** The JDK's default order, for the key shares when the property is not set. */
    private static final String JDK_DEFAULT = "x25519,secp256r1";

    private static final AtomicBoolean KEY_SHARES = new AtomicBoolean();
    private static final Set<Integer> CURVES = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean JDK_ROOTS = new AtomicBoolean();

    private TlsAhead() {
    }

    /**
     * For a short-lived program that will most likely speak TLS to the API server, at its very start:
     * the cheaper key share order (unless {@code -Djdk.tls.namedGroups} chose one), then the key shares
     * and the JDK roots ahead.
     */
    public static void start() {
        preferCheapKeyShares();
        keyShares();
        jdkRoots();
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

    /** Generates (and drops) a key pair for each of the first ClientHello's two key shares. */
    public static void keyShares() {
        if (KEY_SHARES.compareAndSet(false, true)) {
            List<String> groups = keyShareGroups(System.getProperty(NAMED_GROUPS_PROPERTY, JDK_DEFAULT));
            daemon("tls-key-shares", () -> groups.forEach(TlsAhead::generate));
        }
    }

    /**
     * Prepares the curve of {@code key} (the CA's, or the client certificate's) when it is an EC key;
     * an RSA or other key needs nothing ahead.
     */
    public static void ecKey(PublicKey key) {
        if (key instanceof ECPublicKey ec && CURVES.add(ec.getParams().getCurve().getField().getFieldSize())) {
            daemon("tls-curve", () -> generate("EC", ec.getParams()));
        }
    }

    /** Loads the JDK's own root certificates (only the class that holds them is touched). */
    public static void jdkRoots() {
        if (JDK_ROOTS.compareAndSet(false, true)) {
            daemon("tls-roots", () -> {
                try {
                    Class.forName("sun.security.util.AnchorCertificates");
                } catch (ClassNotFoundException | LinkageError e) {
                    // Another JDK: the handshake does whatever it needs itself.
                }
            });
        }
    }

    /**
     * The groups of the first ClientHello's key shares for a {@code jdk.tls.namedGroups} value: the
     * first X25519/X448 group and the first NIST curve (finite-field groups are not prepared).
     */
    static List<String> keyShareGroups(String namedGroups) {
        String xdh = null;
        String nist = null;
        for (String g : namedGroups.split(",")) {
            String name = g.strip().toLowerCase(Locale.ROOT);
            if (xdh == null && (name.equals("x25519") || name.equals("x448"))) {
                xdh = name;
            } else if (nist == null && name.matches("secp(256|384|521)r1")) {
                nist = name;
            }
        }
        List<String> out = new ArrayList<>();
        if (xdh != null) {
            out.add(xdh);
        }
        if (nist != null) {
            out.add(nist);
        }
        return out;
    }

    private static void generate(String group) {
        if (group.startsWith("secp")) {
            generate("EC", new ECGenParameterSpec(group));
        } else {
            generate(group.toUpperCase(Locale.ROOT), null);
        }
    }

    private static void generate(String algorithm, AlgorithmParameterSpec spec) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            if (spec != null) {
                g.initialize(spec);
            }
            g.generateKeyPair();
        } catch (GeneralSecurityException | RuntimeException e) {
            // Not offered by this JDK: its handshake will not use it either.
        }
    }

    private static void daemon(String name, Runnable work) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        t.start();
    }
}
