package io.calicoj.dataplane.ipsets;

import java.util.regex.Pattern;

/**
 * Felix's IP set names (modern, Felix ≥ 3.1): the main set is {@code cali40} (IPv6 {@code cali60})
 * followed by the set ID, truncated to ipset's 31 characters (IDs are already hashes, so truncation
 * keeps the most entropy); temporary sets used for rewrites are {@code cali4t<n>}. Sets whose names
 * start with {@code cali4}/{@code cali6} (or the historic {@code felix-4}/{@code felix-6}) are ours.
 */
public final class IpSetNames {

    public static final int MAX_NAME_LENGTH = 31;
    private static final Pattern OURS_V4 = Pattern.compile("^(cali4|felix-4)");
    private static final Pattern OURS_V6 = Pattern.compile("^(cali6|felix-6)");

    private IpSetNames() {
    }

    /** {@code cali40s:P2rI0VUzuGU_If5Eff29VZ_} for ID {@code s:P2rI0VUzuGU_If5Eff29VZ_QCTMDr7MK8kaKug}. */
    public static String mainName(int ipVersion, String setId) {
        String name = prefix(ipVersion) + "0" + setId;
        return name.length() > MAX_NAME_LENGTH ? name.substring(0, MAX_NAME_LENGTH) : name;
    }

    /** {@code cali4t<n>}: the n-th temporary set of a rewrite batch. */
    public static String tempName(int ipVersion, int n) {
        return prefix(ipVersion) + "t" + n;
    }

    public static boolean isOurs(int ipVersion, String name) {
        return (ipVersion == 4 ? OURS_V4 : OURS_V6).matcher(name).find();
    }

    public static boolean isTemp(int ipVersion, String name) {
        return name.startsWith(prefix(ipVersion) + "t");
    }

    private static String prefix(int ipVersion) {
        if (ipVersion != 4 && ipVersion != 6) {
            throw new IllegalArgumentException("IP version must be 4 or 6: " + ipVersion);
        }
        return "cali" + ipVersion;
    }
}
