package io.calicoj.model;

import java.util.Objects;

/**
 * An IP network in CIDR notation. The address is kept as written ({@code 10.244.1.7/4} stays
 * that, as Kubernetes keeps it); {@link #contains} and {@link #network()} use the masked form.
 */
public record Cidr(IpAddress address, int prefixLength) {

    public Cidr {
        Objects.requireNonNull(address, "address");
        if (prefixLength < 0 || prefixLength > address.bits()) {
            throw new InvalidResourceException("", address + "/" + prefixLength,
                    "prefix length must be between 0 and " + address.bits());
        }
    }

    /** Parses {@code a.b.c.d/n} or an IPv6 equivalent; the prefix is required. */
    public static Cidr parse(String text) {
        Objects.requireNonNull(text, "text");
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new InvalidResourceException("", text, "not a CIDR (expected <address>/<prefix length>)");
        }
        IpAddress address;
        try {
            address = IpAddress.parse(text.substring(0, slash));
        } catch (InvalidResourceException e) {
            throw new InvalidResourceException("", text, "not a CIDR: the address part is not an IP address");
        }
        String prefix = text.substring(slash + 1);
        if (prefix.isEmpty() || prefix.length() > 3 || !IpAddress.isDecimal(prefix)) {
            throw new InvalidResourceException("", text, "not a CIDR: the prefix length is not a number");
        }
        int len = Integer.parseInt(prefix);
        if (len > address.bits()) {
            throw new InvalidResourceException("", text,
                    "prefix length must be between 0 and " + address.bits());
        }
        return new Cidr(address, len);
    }

    /** Parses a CIDR, or a bare address as a single-host network (/32 or /128), as Calico's rule nets allow. */
    public static Cidr parseCidrOrIp(String text) {
        Objects.requireNonNull(text, "text");
        if (text.indexOf('/') >= 0) {
            return parse(text);
        }
        try {
            IpAddress a = IpAddress.parse(text);
            return new Cidr(a, a.bits());
        } catch (InvalidResourceException e) {
            throw new InvalidResourceException("", text, "not an IP address or CIDR");
        }
    }

    /** A single-host network for {@code address}. */
    public static Cidr host(IpAddress address) {
        return new Cidr(address, address.bits());
    }

    public int version() {
        return address.version();
    }

    /** The canonical network: host bits cleared. */
    public Cidr network() {
        IpAddress masked = address.masked(prefixLength);
        return masked.equals(address) ? this : new Cidr(masked, prefixLength);
    }

    public boolean contains(IpAddress ip) {
        return ip.version() == address.version() && ip.masked(prefixLength).equals(address.masked(prefixLength));
    }

    /** Whether {@code other} lies entirely within this network. */
    public boolean contains(Cidr other) {
        return other.prefixLength >= prefixLength && contains(other.address);
    }

    @Override
    public String toString() {
        return address + "/" + prefixLength;
    }
}
