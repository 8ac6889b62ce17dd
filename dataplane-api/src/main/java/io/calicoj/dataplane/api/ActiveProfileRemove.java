package io.calicoj.dataplane.api;

import java.util.Objects;

/** No local endpoint uses the profile any more. */
public record ActiveProfileRemove(String name) implements DataplaneUpdate {
    public ActiveProfileRemove {
        Objects.requireNonNull(name, "name");
    }

    @Override
    public void dispatch(DataplaneUpdateHandler h) {
        h.onActiveProfileRemove(this);
    }
}
