package io.calicoj.model;

import java.util.Objects;

/**
 * An IPv4 or IPv6 address, parsed from its literal text without any name resolution.
 * IPv4 addresses live in the low 32 bits of {@code low}; IPv6 addresses use both words.
 */
public record IpAddress(int version, long high, long low) implements Comparable<IpAddress> {

    public IpAddress {
        if (version != 4 && version != 6) {
            throw new InvalidResourceException("version", version, "IP version must be 4 or 6");
        }
        if (version == 4 && (high != 0 || (low >>> 32) != 0)) {
            throw new InvalidResourceException("address", Long.toHexString(low), "not an IPv4 address");
        }
    }

    /** Parses a literal IPv4 ({@code 10.0.0.1}) or IPv6 ({@code fd00::1}) address. */
    public static IpAddress parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.indexOf(':') >= 0) {
            return parseV6(text);
        }
        long v4 = parseV4(text, text);
        return new IpAddress(4, 0, v4);
    }

    /** Whether {@code text} is a literal IP address. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static long parseV4(String text, String whole) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw bad(whole);
        }
        long value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !isDecimal(part)) {
                throw bad(whole);
            }
            if (part.length() > 1 && part.charAt(0) == '0') {
                throw bad(whole); // leading zeros are ambiguous (octal in some parsers); Go rejects them too
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                throw bad(whole);
            }
            value = (value << 8) | octet;
        }
        return value;
    }

    /** Whether every character is an ASCII digit (a loop: parsing runs once per endpoint in a fresh JVM). */
    static boolean isDecimal(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static IpAddress parseV6(String text) {
        String s = text;
        int zone = s.indexOf('%');
        if (zone >= 0) {
            throw bad(text);
        }
        int[] groups = new int[8];
        int doubleColon = s.indexOf("::");
        if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
            throw bad(text);
        }
        String head = doubleColon >= 0 ? s.substring(0, doubleColon) : s;
        String tail = doubleColon >= 0 ? s.substring(doubleColon + 2) : "";
        int[] headGroups = parseGroups(head, text, doubleColon < 0 || tail.isEmpty());
        int[] tailGroups = doubleColon >= 0 ? parseGroups(tail, text, true) : new int[0];
        int total = headGroups.length + tailGroups.length;
        if (doubleColon < 0 ? total != 8 : total > 7) {
            throw bad(text);
        }
        System.arraycopy(headGroups, 0, groups, 0, headGroups.length);
        System.arraycopy(tailGroups, 0, groups, 8 - tailGroups.length, tailGroups.length);
        long high = 0;
        long low = 0;
        for (int i = 0; i < 4; i++) {
            high = (high << 16) | groups[i];
            low = (low << 16) | groups[i + 4];
        }
        return new IpAddress(6, high, low);
    }

    /** Groups separated by ':'; the last may be an embedded IPv4 address (two groups) when allowed. */
    private static int[] parseGroups(String part, String whole, boolean mayEndInV4) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] items = part.split(":", -1);
        boolean v4Tail = mayEndInV4 && items[items.length - 1].indexOf('.') >= 0;
        int[] out = new int[items.length + (v4Tail ? 1 : 0)];
        for (int i = 0; i < items.length; i++) {
            String item = items[i];
            if (v4Tail && i == items.length - 1) {
                long v4 = parseV4(item, whole);
                out[i] = (int) (v4 >>> 16);
                out[i + 1] = (int) (v4 & 0xffff);
                continue;
            }
            if (item.isEmpty() || item.length() > 4) {
                throw bad(whole);
            }
            int g = 0;
            for (int k = 0; k < item.length(); k++) {
                int d = Character.digit(item.charAt(k), 16);
                if (d < 0) {
                    throw bad(whole);
                }
                g = (g << 4) | d;
            }
            out[i] = g;
        }
        return out;
    }

    private static InvalidResourceException bad(String text) {
        return new InvalidResourceException("", text, "not an IP address");
    }

    /** Number of bits: 32 or 128. */
    public int bits() {
        return version == 4 ? 32 : 128;
    }

    /** This address with every bit after the first {@code prefixLength} cleared. */
    public IpAddress masked(int prefixLength) {
        if (version == 4) {
            long mask = prefixLength == 0 ? 0 : (0xffffffffL << (32 - prefixLength)) & 0xffffffffL;
            return new IpAddress(4, 0, low & mask);
        }
        long hiMask = prefixLength >= 64 ? -1L : prefixLength == 0 ? 0 : -1L << (64 - prefixLength);
        long loMask = prefixLength <= 64 ? 0 : prefixLength == 128 ? -1L : -1L << (128 - prefixLength);
        return new IpAddress(6, high & hiMask, low & loMask);
    }

    /** The address {@code n} after this one (wrapping is the caller's problem). */
    public IpAddress plus(long n) {
        if (version == 4) {
            return new IpAddress(4, 0, (low + n) & 0xffffffffL);
        }
        long newLow = low + n;
        long carry = Long.compareUnsigned(newLow, low) < 0 ? 1 : 0;
        return new IpAddress(6, high + carry, newLow);
    }

    /**
     * The record's equality, written out: the generated one is linked on its first call
     * ({@code ObjectMethods} spins method-handle classes, 3-5 ms in a fresh JVM), and the CNI plugin
     * calls it once per pod, checking the API server's certificate.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress a && version == a.version && high == a.high && low == a.low;
    }

    /** The generated record's hash, written out (the same value, so hashed collections keep their order). */
    @Override
    public int hashCode() {
        return (Integer.hashCode(version) * 31 + Long.hashCode(high)) * 31 + Long.hashCode(low);
    }

    @Override
    public int compareTo(IpAddress o) {
        int c = Integer.compare(version, o.version);
        if (c != 0) {
            return c;
        }
        c = Long.compareUnsigned(high, o.high);
        return c != 0 ? c : Long.compareUnsigned(low, o.low);
    }

    @Override
    public String toString() {
        if (version == 4) {
            return ((low >>> 24) & 0xff) + "." + ((low >>> 16) & 0xff) + "." + ((low >>> 8) & 0xff) + "." + (low & 0xff);
        }
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) ((high >>> (48 - 16 * i)) & 0xffff);
            g[i + 4] = (int) ((low >>> (48 - 16 * i)) & 0xffff);
        }
        // RFC 5952: compress the longest run (>= 2) of zero groups, the first one on ties.
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen && j - i >= 2) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
