package io.calicoj.model.selector;

import io.calicoj.model.Labels;

/**
 * {@code global()}: matches every endpoint when evaluated. In a namespace selector Calico
 * rewrites it to "not in any namespace"; that rewrite is the caller's job. The only instance is
 * {@link Selector#global()}.
 */
public final class Global extends Node implements Selector {

    static final Global INSTANCE = new Global();

    private Global() {}

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
        out.append("global()");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Global;
    }

    @Override
    public int hashCode() {
        return "global()".hashCode();
    }
}
