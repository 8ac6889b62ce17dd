package io.calicoj.model;

/**
 * ICMP type and optional code of a rule ({@code icmp}/{@code notICMP}). {@code code} is null
 * when any code matches; a code requires a type.
 */
public record IcmpMatch(int type, Integer code) {

    public IcmpMatch {
        if (type < 0 || type > 254) {
            throw new InvalidResourceException("type", type, "ICMP type must be between 0 and 254");
        }
        if (code != null && (code < 0 || code > 255)) {
            throw new InvalidResourceException("code", code, "ICMP code must be between 0 and 255");
        }
    }

    public boolean matches(int packetType, int packetCode) {
        return packetType == type && (code == null || code == packetCode);
    }

    @Override
    public String toString() {
        return code == null ? Integer.toString(type) : type + "/" + code;
    }
}
