package io.calicoj.model.selector;

import io.calicoj.model.Labels;
import java.util.Collection;

/** {@code label not in {"a", "b"}}: the label is absent, or present with a value not in the set. */
public final class NotIn extends SetMembership implements Selector {

    /** Duplicates are dropped and the values sorted; the set may be empty. */
    public NotIn(String label, Collection<String> values) {
        super(label, values);
    }

    @Override
    String operator() {
        return " not in ";
    }

    @Override
    public boolean matches(Labels labels) {
        String actual = labels.valueOrNull(label());
        return actual == null || !contains(actual);
    }

    @Override
    Selector withLabel(String newLabel) {
        return new NotIn(newLabel, values());
    }
}
