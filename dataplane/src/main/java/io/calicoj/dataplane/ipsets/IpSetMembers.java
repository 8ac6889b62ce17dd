package io.calicoj.dataplane.ipsets;

import io.calicoj.dataplane.api.IpSetMember;
import io.calicoj.dataplane.api.IpSetType;
import io.calicoj.model.Cidr;
import io.calicoj.model.IpAddress;
import java.util.Locale;

/**
 * The text of a member as {@code ipset save} prints it, so that what we want and what the kernel
 * has compare as strings: addresses in canonical form, networks masked and without a host prefix
 * ({@code hash:net} prints {@code 10.0.0.5}, not {@code 10.0.0.5/32}), ports as {@code tcp:8080}.
 */
public final class IpSetMembers {

    private IpSetMembers() {
    }

    /** The kernel type name of a set type. */
    public static String kernelType(IpSetType type) {
        switch (type) {
            case IP:
                return "hash:ip";
            case IP_PORT:
                return "hash:ip,port";
            case NET:
                return "hash:net";
            default:
                throw new IllegalArgumentException("unknown IP set type " + type);
        }
    }

    /** The member's text in a set of {@code type}. */
    public static String render(IpSetType type, IpSetMember member) {
        if (member instanceof IpSetMember.AddressPort ap) {
            if (type != IpSetType.IP_PORT) {
                throw new IllegalArgumentException("member " + member + " has a port but the set is " + kernelType(type));
            }
            return ap.address() + "," + ap.protocol().kernelName() + ":" + ap.port();
        }
        if (type == IpSetType.IP_PORT) {
            throw new IllegalArgumentException("member " + member + " has no port but the set is hash:ip,port");
        }
        if (member instanceof IpSetMember.Address a) {
            return a.address().toString();
        }
        Cidr cidr = ((IpSetMember.Network) member).cidr().network();
        return cidr.prefixLength() == cidr.address().bits() ? cidr.address().toString() : cidr.toString();
    }

    /** Canonical text of a member read back from {@code ipset save} (best effort: unknown forms are kept as they are). */
    public static String canonical(String kernelType, String text) {
        try {
            if (kernelType.equals("hash:ip,port")) {
                int comma = text.indexOf(',');
                return IpAddress.parse(text.substring(0, comma)) + "," + text.substring(comma + 1).toLowerCase(Locale.ROOT);
            }
            int slash = text.indexOf('/');
            if (slash < 0) {
                return IpAddress.parse(text).toString();
            }
            Cidr cidr = Cidr.parse(text).network();
            return cidr.prefixLength() == cidr.address().bits() ? cidr.address().toString() : cidr.toString();
        } catch (RuntimeException e) {
            return text;
        }
    }
}
