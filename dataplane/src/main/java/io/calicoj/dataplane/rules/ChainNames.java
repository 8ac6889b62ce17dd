package io.calicoj.dataplane.rules;

import io.calicoj.dataplane.iptables.Chain;
import io.calicoj.model.felix.PolicyId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/** Felix's chain names and its length-limited naming ({@code hashutils.GetLengthLimitedID}). */
public final class ChainNames {

    public static final String PREFIX = "cali-";
    public static final String FILTER_INPUT = PREFIX + "INPUT";
    public static final String FILTER_FORWARD = PREFIX + "FORWARD";
    public static final String FILTER_OUTPUT = PREFIX + "OUTPUT";
    public static final String WORKLOAD_TO_HOST = PREFIX + "wl-to-host";
    public static final String FROM_WORKLOAD_DISPATCH = PREFIX + "from-wl-dispatch";
    public static final String TO_WORKLOAD_DISPATCH = PREFIX + "to-wl-dispatch";
    public static final String FROM_HOST_ENDPOINT_DISPATCH = PREFIX + "from-host-endpoint";
    public static final String TO_HOST_ENDPOINT_DISPATCH = PREFIX + "to-host-endpoint";
    public static final String FROM_HOST_ENDPOINT_FORWARD_DISPATCH = PREFIX + "from-hep-forward";
    public static final String TO_HOST_ENDPOINT_FORWARD_DISPATCH = PREFIX + "to-hep-forward";
    public static final String FAILSAFE_IN = PREFIX + "failsafe-in";
    public static final String FAILSAFE_OUT = PREFIX + "failsafe-out";

    public static final String POLICY_INBOUND = PREFIX + "pi-";
    public static final String POLICY_OUTBOUND = PREFIX + "po-";
    public static final String PROFILE_INBOUND = PREFIX + "pri-";
    public static final String PROFILE_OUTBOUND = PREFIX + "pro-";
    public static final String TO_WORKLOAD = PREFIX + "tw-";
    public static final String FROM_WORKLOAD = PREFIX + "fw-";
    public static final String TO_HOST = PREFIX + "th-";
    public static final String FROM_HOST = PREFIX + "fh-";

    private static final String SHORTENED = "_";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private ChainNames() {
    }

    /**
     * {@code prefix + suffix} when that fits in {@code maxLength} (and, at exactly the limit, does not
     * start the suffix with {@code _}); otherwise {@code prefix + "_" +} base64url(SHA-256(suffix))
     * truncated to the limit.
     */
    public static String lengthLimited(String prefix, String suffix, int maxLength) {
        int total = prefix.length() + suffix.length();
        if (total > maxLength || (total == maxLength && suffix.startsWith(SHORTENED))) {
            String hash = BASE64URL.encodeToString(sha256(suffix));
            return prefix + SHORTENED + hash.substring(0, maxLength - 1 - prefix.length());
        }
        return prefix + suffix;
    }

    /** {@code cali-pi-}/{@code cali-po-} + {@code <tier>/<name>} (length-limited): the tier is part of the name. */
    public static String policy(String prefix, PolicyId id) {
        return lengthLimited(prefix, id.tier() + "/" + id.name(), Chain.MAX_NAME_LENGTH);
    }

    /** The chains a policy owns: its inbound and outbound chain. */
    public static List<String> policyChains(PolicyId id) {
        return List.of(policy(POLICY_INBOUND, id), policy(POLICY_OUTBOUND, id));
    }

    /** The chains a profile owns: its inbound and outbound chain. */
    public static List<String> profileChains(String profileName) {
        return List.of(profile(PROFILE_INBOUND, profileName), profile(PROFILE_OUTBOUND, profileName));
    }

    /** {@code cali-pri-}/{@code cali-pro-} + the profile name (length-limited). */
    public static String profile(String prefix, String profileName) {
        return lengthLimited(prefix, profileName, Chain.MAX_NAME_LENGTH);
    }

    /** {@code cali-tw-}/{@code cali-fw-}/{@code cali-th-}/{@code cali-fh-} + the interface name. */
    public static String endpoint(String prefix, String interfaceName) {
        return lengthLimited(prefix, interfaceName, Chain.MAX_NAME_LENGTH);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
