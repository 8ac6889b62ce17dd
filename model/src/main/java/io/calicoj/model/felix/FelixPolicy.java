package io.calicoj.model.felix;

import io.calicoj.model.PolicyType;
import io.calicoj.model.selector.Selector;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A policy as Felix sees it.
 *
 * @param order    {@code null} sorts after every ordered policy
 * @param selector the endpoints it applies to, namespace included for namespaced policies
 * @param types    the directions it governs
 */
public record FelixPolicy(PolicyId id, Double order, Selector selector, Set<PolicyType> types,
                          List<FelixRule> inbound, List<FelixRule> outbound,
                          boolean doNotTrack, boolean preDnat, boolean applyOnForward) {

    public FelixPolicy {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(selector, "selector");
        types = types.isEmpty() ? EnumSet.noneOf(PolicyType.class) : EnumSet.copyOf(types);
        inbound = List.copyOf(inbound);
        outbound = List.copyOf(outbound);
    }

    /** Felix treats a policy without types as governing both directions. */
    public boolean governs(PolicyType direction) {
        return types.isEmpty() || types.contains(direction);
    }

    public List<FelixRule> rules(PolicyType direction) {
        return direction == PolicyType.INGRESS ? inbound : outbound;
    }

    @Override
    public Set<PolicyType> types() {
        return types.isEmpty() ? EnumSet.noneOf(PolicyType.class) : EnumSet.copyOf(types);
    }
}
