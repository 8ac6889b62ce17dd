package io.calicoj.calc;

import io.calicoj.dataplane.api.TierInfo;
import java.util.List;

/**
 * The ordered policies of one local endpoint.
 *
 * @param tiers          normal policies (the only ones a workload endpoint gets)
 * @param untrackedTiers doNotTrack policies (host endpoints)
 * @param preDnatTiers   preDNAT policies (host endpoints)
 */
record EndpointPolicies(List<TierInfo> tiers, List<TierInfo> untrackedTiers, List<TierInfo> preDnatTiers) {

    static final EndpointPolicies NONE = new EndpointPolicies(List.of(), List.of(), List.of());

    EndpointPolicies {
        tiers = List.copyOf(tiers);
        untrackedTiers = List.copyOf(untrackedTiers);
        preDnatTiers = List.copyOf(preDnatTiers);
    }
}
