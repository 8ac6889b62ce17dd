package io.calicoj.model.selector;

import io.calicoj.model.Labels;

/** {@code label ends with "s"}: the label is present and its value ends with {@code s}. */
public final class EndsWith extends ValueComparison implements Selector {

    public EndsWith(String label, String value) {
        super(label, value);
    }

    @Override
    String operator() {
        return " ends with ";
    }

    @Override
    public boolean matches(Labels labels) {
        String actual = labels.valueOrNull(label());
        return actual != null && actual.endsWith(value());
    }

    @Override
    Selector withLabel(String newLabel) {
        return new EndsWith(newLabel, value());
    }
}
