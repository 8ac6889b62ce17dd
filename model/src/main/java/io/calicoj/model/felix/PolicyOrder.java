package io.calicoj.model.felix;

import java.util.Comparator;

/**
 * Felix's policy order within a tier: ascending {@code order}, policies without an order last,
 * ties broken by name ({@link PolicyId}).
 */
public final class PolicyOrder {

    public static final Comparator<FelixPolicy> COMPARATOR = Comparator
            .comparing(FelixPolicy::order, Comparator.nullsLast(Comparator.<Double>naturalOrder()))
            .thenComparing(FelixPolicy::id);

    private PolicyOrder() {
    }
}
