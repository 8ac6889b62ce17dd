package io.calicoj.model.selector;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A label tested against a set of values: {@code in} and {@code not in}. The values are kept
 * twice: sorted (Go's byte order) and de-duplicated for the canonical form, and in a hash set
 * for the lookup on the hot path.
 */
abstract class SetMembership extends Node {

    private final String label;
    private final List<String> values;
    private final Set<String> lookup;
    private final int hash;

    SetMembership(String label, Collection<String> values) {
        this.label = Syntax.requireLabel(label);
        Objects.requireNonNull(values, "values");
        this.values = values.stream()
                .map(Syntax::requireValue)
                .distinct()
                .sorted(Syntax.CODE_POINT_ORDER)
                .toList();
        this.lookup = Set.copyOf(this.values);
        this.hash = (31 * operator().hashCode() + label.hashCode()) * 31 + this.values.hashCode();
    }

    public final String label() {
        return label;
    }

    /** The distinct values in canonical (code point) order; unmodifiable. */
    public final List<String> values() {
        return values;
    }

    /** Whether {@code value} is one of the values (a hash lookup that does not allocate). */
    final boolean contains(String value) {
        return lookup.contains(value);
    }

    /** {@code " in "} or {@code " not in "}. */
    abstract String operator();

    abstract Selector withLabel(String newLabel);

    public final Selector withLabelPrefix(String prefix) {
        return withLabel(Syntax.requirePrefix(prefix) + label);
    }

    @Override
    final void appendCanonical(StringBuilder out) {
        out.append(label).append(operator()).append('{');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            Syntax.appendQuoted(out, values.get(i));
        }
        out.append('}');
    }

    @Override
    public final boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || o.getClass() != getClass()) {
            return false;
        }
        SetMembership other = (SetMembership) o;
        return hash == other.hash && label.equals(other.label) && values.equals(other.values);
    }

    @Override
    public final int hashCode() {
        return hash;
    }
}
