package io.calicoj.model.selector;

/**
 * A label compared with one string value: {@code ==}, {@code !=}, {@code contains},
 * {@code starts with}, {@code ends with}. Each subclass implements {@code matches} itself, so
 * that the hot path has no further virtual call.
 */
abstract class ValueComparison extends Node {

    private final String label;
    private final String value;

    ValueComparison(String label, String value) {
        this.label = Syntax.requireLabel(label);
        this.value = Syntax.requireValue(value);
    }

    public final String label() {
        return label;
    }

    public final String value() {
        return value;
    }

    /** The operator with its surrounding spaces, as in the canonical form: {@code " == "}. */
    abstract String operator();

    /** A node of the same kind and value on another label. */
    abstract Selector withLabel(String newLabel);

    public final Selector withLabelPrefix(String prefix) {
        return withLabel(Syntax.requirePrefix(prefix) + label);
    }

    @Override
    final void appendCanonical(StringBuilder out) {
        out.append(label).append(operator());
        Syntax.appendQuoted(out, value);
    }

    @Override
    public final boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || o.getClass() != getClass()) {
            return false;
        }
        ValueComparison other = (ValueComparison) o;
        return label.equals(other.label) && value.equals(other.value);
    }

    @Override
    public final int hashCode() {
        return (31 * operator().hashCode() + label.hashCode()) * 31 + value.hashCode();
    }
}
