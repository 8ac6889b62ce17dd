package io.calicoj.sandbox.conformance;

import io.calicoj.model.Protocol;
import java.util.Objects;

/** One reachability probe: every pod to every pod on a port and protocol, and the exact expected matrix. */
public record Probe(int port, Protocol protocol, boolean ignoreLoopback, ReachabilityMatrix expect) {
    public Probe {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(expect, "expect");
    }

    @Override
    public String toString() {
        return port + "/" + protocol;
    }
}
