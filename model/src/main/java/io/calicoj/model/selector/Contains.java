package io.calicoj.model.selector;

import io.calicoj.model.Labels;

/** {@code label contains "s"}: the label is present and its value contains {@code s}. */
public final class Contains extends ValueComparison implements Selector {

    public Contains(String label, String value) {
        super(label, value);
    }

    @Override
    String operator() {
        return " contains ";
    }

    @Override
    public boolean matches(Labels labels) {
        String actual = labels.valueOrNull(label());
        return actual != null && actual.contains(value());
    }

    @Override
    Selector withLabel(String newLabel) {
        return new Contains(newLabel, value());
    }
}
