package io.calicoj.model;

import io.calicoj.model.selector.Selector;
import io.calicoj.model.selector.SelectorParseException;
import java.util.Objects;

/**
 * A selector as a user (or a converter) wrote it, together with its parsed form. Output shows
 * the text as written; evaluation and IP-set naming use the parsed {@link Selector}. Equality is
 * by text.
 */
public final class SelectorExpression {

    /** The empty selector, which selects everything. */
    public static final SelectorExpression EMPTY = new SelectorExpression("", Selector.all());

    private final String text;
    private final Selector selector;

    private SelectorExpression(String text, Selector selector) {
        this.text = text;
        this.selector = selector;
    }

    /** Parses {@code text}; an empty or blank text means {@code all()}. */
    public static SelectorExpression parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            return text.isEmpty() ? EMPTY : new SelectorExpression(text, Selector.all());
        }
        return new SelectorExpression(text, Selector.parse(text));
    }

    /**
     * Parses the value of a resource field, turning a syntax error into an
     * {@link InvalidResourceException} that names the field.
     */
    public static SelectorExpression parseField(String field, String text) {
        try {
            return parse(text);
        } catch (SelectorParseException e) {
            throw new InvalidResourceException(field, text, e.getMessage());
        }
    }

    /** A selector built by code from a parsed tree; its text is the canonical form. */
    public static SelectorExpression of(Selector selector) {
        return new SelectorExpression(selector.canonical(), selector);
    }

    public String text() {
        return text;
    }

    public Selector selector() {
        return selector;
    }

    public boolean isEmpty() {
        return text.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SelectorExpression other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
