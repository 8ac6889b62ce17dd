package io.calicoj.model;

import java.util.Objects;

/** A 1:1 NAT ("floating IP") of an endpoint. */
public record IpNat(IpAddress internalIp, IpAddress externalIp) {
    public IpNat {
        Objects.requireNonNull(internalIp, "internalIP");
        Objects.requireNonNull(externalIp, "externalIP");
    }
}
