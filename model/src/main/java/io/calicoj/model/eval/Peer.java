package io.calicoj.model.eval;

import io.calicoj.model.IpAddress;
import io.calicoj.model.ResourceKey;
import java.util.Objects;

/** One end of a connection: a workload endpoint, or a bare address (outside Calico, or to be looked up). */
public sealed interface Peer {

    record Endpoint(ResourceKey key) implements Peer {
        public Endpoint {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public String toString() {
            return key.qualifiedName();
        }
    }

    record Address(IpAddress address) implements Peer {
        public Address {
            Objects.requireNonNull(address, "address");
        }

        @Override
        public String toString() {
            return address.toString();
        }
    }

    static Peer endpoint(ResourceKey key) {
        return new Endpoint(key);
    }

    static Peer address(IpAddress address) {
        return new Address(address);
    }
}
