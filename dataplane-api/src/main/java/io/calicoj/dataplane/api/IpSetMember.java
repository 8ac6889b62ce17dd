package io.calicoj.dataplane.api;

import io.calicoj.model.Cidr;
import io.calicoj.model.IpAddress;
import io.calicoj.model.Protocol;
import java.util.Objects;

/** A member of an IP set. */
public sealed interface IpSetMember {

    /** The address family of the member: 4 or 6. */
    int ipVersion();

    record Address(IpAddress address) implements IpSetMember {
        public Address {
            Objects.requireNonNull(address, "address");
        }

        @Override
        public int ipVersion() {
            return address.version();
        }

        @Override
        public String toString() {
            return address.toString();
        }
    }

    /** A named-port member: the endpoint's address with the port's protocol and number. */
    record AddressPort(IpAddress address, Protocol protocol, int port) implements IpSetMember {
        public AddressPort {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(protocol, "protocol");
        }

        @Override
        public int ipVersion() {
            return address.version();
        }

        /** Felix's text form, also ipset's: {@code 10.0.0.5,tcp:8080}. */
        @Override
        public String toString() {
            return address + "," + protocol.kernelName() + ":" + port;
        }
    }

    record Network(Cidr cidr) implements IpSetMember {
        public Network {
            Objects.requireNonNull(cidr, "cidr");
        }

        @Override
        public int ipVersion() {
            return cidr.version();
        }

        @Override
        public String toString() {
            return cidr.toString();
        }
    }
}
