package io.calicoj.model.selector;

import io.calicoj.model.Labels;

/** {@code label != "value"}: the label is absent, or present with another value. */
public final class NotEquals extends ValueComparison implements Selector {

    public NotEquals(String label, String value) {
        super(label, value);
    }

    @Override
    String operator() {
        return " != ";
    }

    @Override
    public boolean matches(Labels labels) {
        return !value().equals(labels.valueOrNull(label()));
    }

    @Override
    Selector withLabel(String newLabel) {
        return new NotEquals(newLabel, value());
    }
}
