package io.calicoj.model.selector;

import io.calicoj.model.Labels;

/** {@code label starts with "s"}: the label is present and its value starts with {@code s}. */
public final class StartsWith extends ValueComparison implements Selector {

    public StartsWith(String label, String value) {
        super(label, value);
    }

    @Override
    String operator() {
        return " starts with ";
    }

    @Override
    public boolean matches(Labels labels) {
        String actual = labels.valueOrNull(label());
        return actual != null && actual.startsWith(value());
    }

    @Override
    Selector withLabel(String newLabel) {
        return new StartsWith(newLabel, value());
    }
}
