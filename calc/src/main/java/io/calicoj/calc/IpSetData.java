package io.calicoj.calc;

import io.calicoj.dataplane.api.IpSetType;
import io.calicoj.model.Protocol;
import io.calicoj.model.selector.Selector;
import io.calicoj.model.selector.UniqueIds;
import java.util.Objects;

/**
 * An IP set an active rule needs: the addresses of every endpoint a selector matches, or, for
 * a named port, the (address, protocol, port) of every such endpoint exporting that port.
 * Identical definitions get identical IDs, so rules share sets.
 *
 * @param id        {@code s:…} ({@link Selector#uniqueId()}) or {@code n:…} (see {@link #namedPort})
 * @param portName  the named port, empty for a selector set
 * @param protocol  the named port's protocol (TCP, UDP or SCTP), {@code null} for a selector set
 */
record IpSetData(String id, Selector selector, String portName, Protocol protocol) {

    IpSetData {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(portName, "portName");
        if (portName.isEmpty() != (protocol == null)) {
            throw new IllegalArgumentException("a named-port set needs a port name and a protocol, a selector set neither");
        }
    }

    /** The set of addresses of the endpoints {@code selector} matches. */
    static IpSetData selector(Selector selector) {
        return new IpSetData(selector.uniqueId(), selector, "", null);
    }

    /**
     * The set of (address, protocol, port) of the endpoints {@code selector} matches that export
     * a port named {@code portName} with {@code protocol}. ID:
     * {@code n:} + base64url-no-pad(SHA-224({@code n:<selector ID>,<tcp|udp|sctp>,<name>})).
     */
    static IpSetData namedPort(Selector selector, Protocol protocol, String portName) {
        String id = UniqueIds.of("n", selector.uniqueId() + "," + protocol.kernelName() + "," + portName);
        return new IpSetData(id, selector, portName, protocol);
    }

    boolean isNamedPort() {
        return protocol != null;
    }

    IpSetType type() {
        return isNamedPort() ? IpSetType.IP_PORT : IpSetType.IP;
    }
}
