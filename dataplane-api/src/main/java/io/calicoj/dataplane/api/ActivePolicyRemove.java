package io.calicoj.dataplane.api;

import io.calicoj.model.felix.PolicyId;
import java.util.Objects;

/** The policy no longer applies to any local endpoint (or no longer exists). */
public record ActivePolicyRemove(PolicyId id) implements DataplaneUpdate {
    public ActivePolicyRemove {
        Objects.requireNonNull(id, "id");
    }

    @Override
    public void dispatch(DataplaneUpdateHandler h) {
        h.onActivePolicyRemove(this);
    }
}
