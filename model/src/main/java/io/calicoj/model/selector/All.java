package io.calicoj.model.selector;

import io.calicoj.model.Labels;

/** {@code all()}: matches every endpoint. The only instance is {@link Selector#all()}. */
public final class All extends Node implements Selector {

    static final All INSTANCE = new All();

    private All() {}

    @Override
    public boolean matches(Labels labels) {
        return true;
    }

    @Override
    public Selector withLabelPrefix(String prefix) {
        Syntax.requirePrefix(prefix);
        return this;
    }

    @Override
    void appendCanonical(StringBuilder out) {
        out.append("all()");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof All;
    }

    @Override
    public int hashCode() {
        return "all()".hashCode();
    }
}
