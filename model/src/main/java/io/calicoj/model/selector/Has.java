package io.calicoj.model.selector;

import io.calicoj.model.Labels;

/** {@code has(label)}: the label is present, with any value. */
public final class Has extends Node implements Selector {

    private final String label;

    public Has(String label) {
        this.label = Syntax.requireLabel(label);
    }

    public String label() {
        return label;
    }

    @Override
    public boolean matches(Labels labels) {
        return labels.valueOrNull(label) != null;
    }

    @Override
    public Selector withLabelPrefix(String prefix) {
        return new Has(Syntax.requirePrefix(prefix) + label);
    }

    @Override
    void appendCanonical(StringBuilder out) {
        out.append("has(").append(label).append(')');
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Has && ((Has) o).label.equals(label);
    }

    @Override
    public int hashCode() {
        return 31 * "has()".hashCode() + label.hashCode();
    }
}
