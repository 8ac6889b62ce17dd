package io.calicoj.model;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The spec shared by {@link NetworkPolicy} and {@link GlobalNetworkPolicy}.
 *
 * @param tier              always {@code default} today (the only tier Calico/J implements)
 * @param order             lower applies first; {@code null} sorts after every ordered policy
 * @param selector          the endpoints the policy applies to (empty = all)
 * @param namespaceSelector global policies only: restricts the namespaces of selected endpoints ({@code null} = none)
 * @param types             the directions the policy governs; never empty once defaulted
 * @param ingress           rules for traffic to the selected endpoints
 * @param egress            rules for traffic from the selected endpoints
 * @param doNotTrack        global policies only (host endpoints): untracked policy
 * @param preDnat           global policies only (host endpoints): applied before DNAT
 * @param applyOnForward    global policies only (host endpoints): also for forwarded traffic
 */
public record PolicySpec(
        String tier,
        Double order,
        SelectorExpression selector,
        SelectorExpression namespaceSelector,
        List<PolicyType> types,
        List<Rule> ingress,
        List<Rule> egress,
        boolean doNotTrack,
        boolean preDnat,
        boolean applyOnForward) {

    public static final String DEFAULT_TIER = "default";

    public PolicySpec {
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(selector, "selector");
        types = List.copyOf(types);
        ingress = Rule.copy(ingress);
        egress = Rule.copy(egress);
        if (!tier.equals(DEFAULT_TIER)) {
            throw new InvalidResourceException("tier", tier, "only the default tier is supported");
        }
        if (order != null && (order.isNaN() || order.isInfinite())) {
            throw new InvalidResourceException("order", order, "order must be a finite number");
        }
        if (Set.copyOf(types).size() != types.size()) {
            throw new InvalidResourceException("types", types, "a type may be listed only once");
        }
        if (!ingress.isEmpty() && !types.isEmpty() && !types.contains(PolicyType.INGRESS)) {
            throw new InvalidResourceException("ingress", "[" + ingress.size() + " rules]",
                    "ingress rules need Ingress in types");
        }
        if (!egress.isEmpty() && !types.isEmpty() && !types.contains(PolicyType.EGRESS)) {
            throw new InvalidResourceException("egress", "[" + egress.size() + " rules]",
                    "egress rules need Egress in types");
        }
        if (doNotTrack && preDnat) {
            throw new InvalidResourceException("preDNAT", true, "preDNAT and doNotTrack cannot both be true");
        }
        if (types.isEmpty()) {
            types = defaultTypes(ingress, egress);
        }
    }

    /**
     * Calico's defaulting of an absent {@code types}: Ingress when there are no egress rules,
     * Egress alone when there are only egress rules, both when there are both.
     */
    public static List<PolicyType> defaultTypes(List<Rule> ingress, List<Rule> egress) {
        if (!egress.isEmpty() && ingress.isEmpty()) {
            return List.of(PolicyType.EGRESS);
        }
        if (!egress.isEmpty()) {
            return List.of(PolicyType.INGRESS, PolicyType.EGRESS);
        }
        return List.of(PolicyType.INGRESS);
    }

    /** A policy spec in the default tier with no host-endpoint options. */
    public static PolicySpec of(Double order, SelectorExpression selector, List<PolicyType> types,
                                List<Rule> ingress, List<Rule> egress) {
        return new PolicySpec(DEFAULT_TIER, order, selector, null, types, ingress, egress, false, false, false);
    }

    public boolean governs(PolicyType type) {
        return types.contains(type);
    }

    public Set<PolicyType> typeSet() {
        return types.isEmpty() ? Collections.emptySet() : EnumSet.copyOf(types);
    }

    /** The rules for one direction. */
    public List<Rule> rules(PolicyType direction) {
        return direction == PolicyType.INGRESS ? ingress : egress;
    }
}
