package io.calicoj.model;

import java.util.Objects;

/** A named port an endpoint exports (from a pod's container ports). */
public record EndpointPort(String name, Protocol protocol, int port) {

    public EndpointPort {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(protocol, "protocol");
        if (!Port.validName(name)) {
            throw new InvalidResourceException("name", name,
                    "a port name is 1-15 lower-case letters, digits and '-', with at least one letter");
        }
        if (!protocol.supportsPorts()) {
            throw new InvalidResourceException("protocol", protocol, "named ports need TCP, UDP or SCTP");
        }
        if (port < 1 || port > 65535) {
            throw new InvalidResourceException("port", port, "must be between 1 and 65535");
        }
    }
}
