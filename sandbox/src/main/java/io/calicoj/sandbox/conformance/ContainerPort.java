package io.calicoj.sandbox.conformance;

import io.calicoj.model.Protocol;
import java.util.Objects;

/** A port every pod serves, declared as a named container port ({@code serve-80-tcp}). */
public record ContainerPort(String name, int port, Protocol protocol) {
    public ContainerPort {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(protocol, "protocol");
    }
}
