package io.calicoj.dataplane.api;

import java.util.Objects;
import java.util.Set;

/**
 * An IP set with its complete membership: create it, or replace its members.
 *
 * @param id the set's ID ({@code s:…} for a selector, {@code n:…} for a named port); the dataplane derives kernel names from it
 */
public record IpSetUpdate(String id, IpSetType type, Set<IpSetMember> members) implements DataplaneUpdate {
    public IpSetUpdate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        members = Set.copyOf(members);
    }

    @Override
    public void dispatch(DataplaneUpdateHandler h) {
        h.onIpSetUpdate(this);
    }
}
