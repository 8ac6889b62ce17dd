package io.calicoj.model.selector;

import io.calicoj.model.Labels;
import java.util.List;

/** {@code (a || b || ...)}: some operand matches; evaluation stops at the first that does. */
public final class Or extends Junction implements Selector {

    /** @throws IllegalArgumentException if there are fewer than two operands */
    public Or(List<? extends Selector> operands) {
        super(operands);
    }

    @Override
    String separator() {
        return " || ";
    }

    @Override
    public boolean matches(Labels labels) {
        for (Selector operand : operands) {
            if (operand.matches(labels)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Selector withLabelPrefix(String prefix) {
        return new Or(mapOperands(operand -> operand.withLabelPrefix(prefix)));
    }
}
