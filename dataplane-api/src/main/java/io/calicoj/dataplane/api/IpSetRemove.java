package io.calicoj.dataplane.api;

import java.util.Objects;

/** No active rule uses the set any more. */
public record IpSetRemove(String id) implements DataplaneUpdate {
    public IpSetRemove {
        Objects.requireNonNull(id, "id");
    }

    @Override
    public void dispatch(DataplaneUpdateHandler h) {
        h.onIpSetRemove(this);
    }
}
