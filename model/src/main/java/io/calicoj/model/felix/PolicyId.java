package io.calicoj.model.felix;

import java.util.Objects;

/**
 * A policy's identity in Felix: its tier and its name, {@code <namespace>/<name>} for a
 * namespaced policy and {@code <name>} for a global one. Policies of equal order are sorted by
 * this name.
 */
public record PolicyId(String tier, String name) implements Comparable<PolicyId> {

    public PolicyId {
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(name, "name");
    }

    public static PolicyId namespaced(String tier, String namespace, String name) {
        return new PolicyId(tier, namespace + "/" + name);
    }

    public static PolicyId global(String tier, String name) {
        return new PolicyId(tier, name);
    }

    @Override
    public int compareTo(PolicyId o) {
        int c = tier.compareTo(o.tier);
        return c != 0 ? c : name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return tier + "/" + name;
    }
}
