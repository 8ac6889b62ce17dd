package io.calicoj.model.selector;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * An n-ary {@code &&} or {@code ||} with at least two operands, in the order written. Nested
 * junctions are kept as the parser built them (Calico does not flatten
 * {@code (a && b) && c}), because the canonical form, and so the unique ID, depends on it.
 */
abstract class Junction extends Node {

    /** An array, so that {@code matches} can loop without an iterator. */
    final Selector[] operands;
    private final List<Selector> operandList;
    private final int hash;

    Junction(List<? extends Selector> operands) {
        Objects.requireNonNull(operands, "operands");
        this.operandList = List.copyOf(operands);
        if (operandList.size() < 2) {
            throw new IllegalArgumentException(
                    "a junction needs at least two operands, got " + operandList.size());
        }
        this.operands = operandList.toArray(new Selector[0]);
        this.hash = 31 * separator().hashCode() + operandList.hashCode();
    }

    /** The operands in order; unmodifiable. */
    public final List<Selector> operands() {
        return operandList;
    }

    /** {@code " && "} or {@code " || "}. */
    abstract String separator();

    /** The same junction with its operands mapped. */
    final List<Selector> mapOperands(Function<Selector, Selector> mapper) {
        return Arrays.stream(operands).map(mapper).toList();
    }

    @Override
    final void appendCanonical(StringBuilder out) {
        out.append('(');
        for (int i = 0; i < operands.length; i++) {
            if (i > 0) {
                out.append(separator());
            }
            appendCanonical(operands[i], out);
        }
        out.append(')');
    }

    @Override
    public final boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || o.getClass() != getClass()) {
            return false;
        }
        Junction other = (Junction) o;
        return hash == other.hash && Arrays.equals(operands, other.operands);
    }

    @Override
    public final int hashCode() {
        return hash;
    }
}
