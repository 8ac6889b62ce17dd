package io.calicoj.model.felix;

import io.calicoj.model.PolicyType;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A profile as Felix sees it: rules (not namespace-scoped) and the labels its endpoints inherit. */
public record FelixProfile(String name, List<FelixRule> inbound, List<FelixRule> outbound,
                           Map<String, String> labels) {

    public FelixProfile {
        Objects.requireNonNull(name, "name");
        inbound = List.copyOf(inbound);
        outbound = List.copyOf(outbound);
        labels = Map.copyOf(labels);
    }

    public List<FelixRule> rules(PolicyType direction) {
        return direction == PolicyType.INGRESS ? inbound : outbound;
    }
}
