package io.calicoj.model.selector;

import io.calicoj.model.Labels;

/** {@code label == "value"}: the label is present with exactly this value. */
public final class Equals extends ValueComparison implements Selector {

    public Equals(String label, String value) {
        super(label, value);
    }

    @Override
    String operator() {
        return " == ";
    }

    @Override
    public boolean matches(Labels labels) {
        return value().equals(labels.valueOrNull(label()));
    }

    @Override
    Selector withLabel(String newLabel) {
        return new Equals(newLabel, value());
    }
}
