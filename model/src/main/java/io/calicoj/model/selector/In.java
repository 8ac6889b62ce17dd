package io.calicoj.model.selector;

import io.calicoj.model.Labels;
import java.util.Collection;

/**
 * {@code label in {"a", "b"}}: the label is present with one of the values (never true for an
 * empty set).
 */
public final class In extends SetMembership implements Selector {

    /** Duplicates are dropped and the values sorted; the set may be empty. */
    public In(String label, Collection<String> values) {
        super(label, values);
    }

    @Override
    String operator() {
        return " in ";
    }

    @Override
    public boolean matches(Labels labels) {
        String actual = labels.valueOrNull(label());
        return actual != null && contains(actual);
    }

    @Override
    Selector withLabel(String newLabel) {
        return new In(newLabel, values());
    }
}
