package io.calicoj.model.k8s;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The host-side interface name of a pod's veth: the interface prefix ({@code cali}) followed by
 * the first 11 hex digits of SHA-1({@code <namespace>.<pod>}). The agent (to find the interface)
 * and the CNI plugin (to create it) must agree, so both call this.
 */
public final class VethNames {

    public static final String DEFAULT_PREFIX = "cali";

    /** Copied per name (see {@link #sha1Hex}), never used itself. */
    private static final MessageDigest SHA1 = newSha1();

    private VethNames() {
    }

    public static String hostInterfaceName(String namespace, String pod) {
        return hostInterfaceName(DEFAULT_PREFIX, namespace, pod);
    }

    /**
     * @param prefixes the {@code FELIX_INTERFACEPREFIX} value: a comma-separated list, the first entry is used
     */
    public static String hostInterfaceName(String prefixes, String namespace, String pod) {
        String prefix = prefixes.isEmpty() ? DEFAULT_PREFIX : prefixes.split(",", -1)[0];
        return prefix + sha1Hex(namespace + "." + pod).substring(0, 11);
    }

    static String sha1Hex(String s) {
        MessageDigest sha1;
        try {
            // A copy of one instance: looking the algorithm up again costs more than hashing a name.
            sha1 = (MessageDigest) SHA1.clone();
        } catch (CloneNotSupportedException e) {
            sha1 = newSha1();
        }
        return HexFormat.of().formatHex(sha1.digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest newSha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-1", e);
        }
    }
}
