package io.calicoj.dataplane.ipsets;

import io.calicoj.dataplane.api.IpSetMember;
import io.calicoj.dataplane.api.IpSetType;
import java.util.Optional;

/**
 * The members the kernel refuses to store, checked before {@code ipset restore} so that one of them
 * cannot fail a whole batch. Found by trying them with ipset 7.17 on Linux 6.x in a network namespace:
 *
 * <ul>
 *   <li>{@code hash:ip}: the unspecified address ({@code 0.0.0.0}, {@code ::}) — "Null-valued element,
 *       cannot be stored in a hash type of set";</li>
 *   <li>{@code hash:ip,port}: the unspecified address ("Kernel error received: Invalid argument"), a
 *       protocol without ports (ICMP takes a type/code instead), a port outside 0–65535;</li>
 *   <li>{@code hash:net}: a {@code /0} network ("The value of the CIDR parameter of the IP address is
 *       invalid"); {@code 0.0.0.0/32} and {@code 0.0.0.0/1} are stored.</li>
 * </ul>
 *
 * A member of the other address family never reaches a set ({@link IpSets} leaves it out first).
 */
public final class KernelMemberRules {

    private KernelMemberRules() {
    }

    /** Why the kernel would refuse the member in a set of this type, or empty when it stores it. */
    public static Optional<String> refusal(IpSetType type, IpSetMember member) {
        if (member instanceof IpSetMember.Address a) {
            return unspecified(a.address().high() == 0 && a.address().low() == 0, type);
        }
        if (member instanceof IpSetMember.AddressPort ap) {
            Optional<String> address = unspecified(ap.address().high() == 0 && ap.address().low() == 0, type);
            if (address.isPresent()) {
                return address;
            }
            if (!ap.protocol().supportsPorts() && ap.protocol().number() != 136) {
                return Optional.of("a hash:ip,port set holds TCP, UDP, SCTP or UDPLite ports, not " + ap.protocol());
            }
            if (ap.port() < 0 || ap.port() > 65535) {
                return Optional.of("port " + ap.port() + " is outside 0-65535");
            }
            return Optional.empty();
        }
        IpSetMember.Network n = (IpSetMember.Network) member;
        if (n.cidr().prefixLength() == 0) {
            return Optional.of("a hash:net set cannot hold a /0 network (the kernel refuses a zero prefix length)");
        }
        return Optional.empty();
    }

    private static Optional<String> unspecified(boolean zero, IpSetType type) {
        return zero ? Optional.of("the kernel cannot store the unspecified address in a " + IpSetMembers.kernelType(type)
                + " set (null-valued element)") : Optional.empty();
    }
}
