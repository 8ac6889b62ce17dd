package io.calicoj.model.selector;

import io.calicoj.model.Labels;
import java.util.Objects;

/**
 * {@code !operand}. The parser folds runs of {@code !} ({@code !!a} is {@code a}), but
 * {@code !(!a)} is kept as written, exactly as Calico does: its canonical form is {@code !!a}.
 */
public final class Not extends Node implements Selector {

    private final Selector operand;

    public Not(Selector operand) {
        this.operand = Objects.requireNonNull(operand, "operand");
    }

    public Selector operand() {
        return operand;
    }

    @Override
    public boolean matches(Labels labels) {
        return !operand.matches(labels);
    }

    @Override
    public Selector withLabelPrefix(String prefix) {
        return new Not(operand.withLabelPrefix(prefix));
    }

    @Override
    void appendCanonical(StringBuilder out) {
        out.append('!');
        appendCanonical(operand, out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Not && ((Not) o).operand.equals(operand);
    }

    @Override
    public int hashCode() {
        return 31 * "!".hashCode() + operand.hashCode();
    }
}
