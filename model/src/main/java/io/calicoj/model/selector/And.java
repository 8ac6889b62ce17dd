package io.calicoj.model.selector;

import io.calicoj.model.Labels;
import java.util.List;

/** {@code (a && b && ...)}: every operand matches; evaluation stops at the first that does not. */
public final class And extends Junction implements Selector {

    /** @throws IllegalArgumentException if there are fewer than two operands */
    public And(List<? extends Selector> operands) {
        super(operands);
    }

    @Override
    String separator() {
        return " && ";
    }

    @Override
    public boolean matches(Labels labels) {
        for (Selector operand : operands) {
            if (!operand.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Selector withLabelPrefix(String prefix) {
        return new And(mapOperands(operand -> operand.withLabelPrefix(prefix)));
    }
}
