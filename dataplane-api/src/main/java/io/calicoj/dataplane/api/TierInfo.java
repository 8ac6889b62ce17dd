package io.calicoj.dataplane.api;

import io.calicoj.model.felix.PolicyId;
import java.util.List;
import java.util.Objects;

/** The policies of one tier that apply to an endpoint, in order, per direction. */
public record TierInfo(String name, List<PolicyId> ingressPolicies, List<PolicyId> egressPolicies) {
    public TierInfo {
        Objects.requireNonNull(name, "name");
        ingressPolicies = List.copyOf(ingressPolicies);
        egressPolicies = List.copyOf(egressPolicies);
    }
}
