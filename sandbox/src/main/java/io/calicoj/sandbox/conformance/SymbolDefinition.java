package io.calicoj.sandbox.conformance;

import io.calicoj.model.Cidr;
import io.calicoj.model.IpAddress;
import java.util.Objects;

/**
 * A value derived from a pod's IP: {@code <ip>/<prefix>} as written, or (with
 * {@code maskHostBits}) the network containing it with host bits cleared.
 */
public record SymbolDefinition(String name, PodRef pod, int prefix, int ipv6Prefix, boolean maskHostBits) {

    public SymbolDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pod, "pod");
    }

    public String valueFor(IpAddress podIp) {
        int len = podIp.version() == 4 ? prefix : ipv6Prefix;
        Cidr cidr = new Cidr(podIp, len);
        return (maskHostBits ? cidr.network() : cidr).toString();
    }
}
