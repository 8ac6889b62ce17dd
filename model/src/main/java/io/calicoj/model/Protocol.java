package io.calicoj.model;

import java.util.Locale;
import java.util.Map;

/**
 * An IP protocol in a rule: one of Calico's names ({@code TCP}, {@code UDP}, {@code ICMP},
 * {@code ICMPv6}, {@code SCTP}, {@code UDPLite}, accepted in any case) or a number 1–255.
 * {@link #name()} is Calico's v3 spelling, or the decimal number for protocols without a name.
 */
public record Protocol(String name, int number) {

    public static final Protocol TCP = new Protocol("TCP", 6);
    public static final Protocol UDP = new Protocol("UDP", 17);
    public static final Protocol ICMP = new Protocol("ICMP", 1);
    public static final Protocol ICMPV6 = new Protocol("ICMPv6", 58);
    public static final Protocol SCTP = new Protocol("SCTP", 132);
    public static final Protocol UDPLITE = new Protocol("UDPLite", 136);

    private static final Map<String, Protocol> BY_NAME = Map.of(
            "tcp", TCP, "udp", UDP, "icmp", ICMP, "icmpv6", ICMPV6, "sctp", SCTP, "udplite", UDPLITE);

    public Protocol {
        if (number < 1 || number > 255) {
            throw new InvalidResourceException("protocol", number, "protocol number must be between 1 and 255");
        }
    }

    /** Parses a protocol name (any case) or number. */
    public static Protocol parse(String text) {
        Protocol named = BY_NAME.get(text.toLowerCase(Locale.ROOT));
        if (named != null) {
            return named;
        }
        if (!text.isEmpty() && text.length() <= 3 && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return of(Integer.parseInt(text));
        }
        throw new InvalidResourceException("protocol", text,
                "must be one of TCP, UDP, ICMP, ICMPv6, SCTP, UDPLite or a number 1-255");
    }

    /** The protocol with this number, by its Calico name when it has one. */
    public static Protocol of(int number) {
        for (Protocol p : BY_NAME.values()) {
            if (p.number == number) {
                return p;
            }
        }
        return new Protocol(Integer.toString(number), number);
    }

    /** Protocols whose rules may carry ports: TCP, UDP and SCTP (as in Calico's validator). */
    public boolean supportsPorts() {
        return number == 6 || number == 17 || number == 132;
    }

    public boolean isIcmp() {
        return number == 1 || number == 58;
    }

    /** The lower-case name iptables uses ({@code tcp}, {@code icmpv6}) or the number. */
    public String kernelName() {
        return switch (number) {
            case 6 -> "tcp";
            case 17 -> "udp";
            case 1 -> "icmp";
            case 58 -> "ipv6-icmp";
            case 132 -> "sctp";
            case 136 -> "udplite";
            default -> Integer.toString(number);
        };
    }

    @Override
    public String toString() {
        return name;
    }
}
