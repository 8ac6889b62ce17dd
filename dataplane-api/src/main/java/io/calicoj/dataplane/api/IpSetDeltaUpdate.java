package io.calicoj.dataplane.api;

import java.util.Objects;
import java.util.Set;

/** Members added to and removed from a set already sent. A member is never in both. */
public record IpSetDeltaUpdate(String id, Set<IpSetMember> added, Set<IpSetMember> removed) implements DataplaneUpdate {
    public IpSetDeltaUpdate {
        Objects.requireNonNull(id, "id");
        added = Set.copyOf(added);
        removed = Set.copyOf(removed);
        for (IpSetMember m : added) {
            if (removed.contains(m)) {
                throw new IllegalArgumentException("member " + m + " both added to and removed from " + id);
            }
        }
    }

    @Override
    public void dispatch(DataplaneUpdateHandler h) {
        h.onIpSetDeltaUpdate(this);
    }
}
