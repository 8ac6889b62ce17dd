package io.calicoj.dataplane.api;

import io.calicoj.model.felix.PolicyId;
import java.util.Objects;

/** A policy that applies to at least one local endpoint, with its current rules. */
public record ActivePolicyUpdate(PolicyId id, ParsedPolicy policy) implements DataplaneUpdate {
    public ActivePolicyUpdate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(policy, "policy");
    }

    @Override
    public void dispatch(DataplaneUpdateHandler h) {
        h.onActivePolicyUpdate(this);
    }
}
