package io.calicoj.model.eval;

import io.calicoj.model.Protocol;
import java.util.Objects;

/**
 * A connection attempt: the first packet from {@code source} to {@code destination}. For ICMP
 * the ports are unused and {@code icmpType}/{@code icmpCode} describe the packet.
 */
public record Connection(Peer source, Peer destination, Protocol protocol, int sourcePort, int destinationPort,
                         int icmpType, int icmpCode) {

    /** The source port used when none is given: a typical ephemeral port. */
    public static final int EPHEMERAL_PORT = 45678;

    public Connection {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(protocol, "protocol");
    }

    /** A TCP, UDP or SCTP connection to {@code port} from an ephemeral port. */
    public static Connection to(Peer source, Peer destination, Protocol protocol, int port) {
        return new Connection(source, destination, protocol, EPHEMERAL_PORT, port, -1, -1);
    }

    public static Connection icmp(Peer source, Peer destination, Protocol icmpProtocol, int type, int code) {
        return new Connection(source, destination, icmpProtocol, 0, 0, type, code);
    }

    @Override
    public String toString() {
        String what = protocol.isIcmp() ? protocol + " " + icmpType + "/" + icmpCode : destinationPort + "/" + protocol;
        return source + " -> " + destination + " " + what;
    }
}
