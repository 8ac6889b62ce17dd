package io.calicoj.model.selector;

import io.calicoj.model.Labels;

/**
 * A parsed Calico label selector: an immutable expression tree, compared by value.
 *
 * <p>Parse text with {@link #parse(String)}; build trees directly with the node classes.
 * {@link #matches(Labels)} is the hot path of the calculation graph and does not allocate.
 */
public sealed interface Selector
        permits All, Global, Has, Equals, NotEquals, In, NotIn, Contains, StartsWith, EndsWith,
                Not, And, Or {

    /** Whether an endpoint with these labels is selected. */
    boolean matches(Labels labels);

    /**
     * Calico's canonical text ({@code String()} in Go): what {@link #uniqueId()} hashes, for
     * example {@code (calico/k8s_ns == "default" && role == "frontend")}. Same as
     * {@code toString()}.
     */
    String canonical();

    /**
     * Calico's selector unique ID, {@code s:} + base64url-without-padding of
     * SHA-224({@code "s:" + canonical()}); IP set names are derived from it.
     */
    String uniqueId();

    /**
     * The same tree with {@code prefix} put before every label name, as Calico's
     * {@code PrefixVisitor} does (for example {@code pcns.} to turn a namespace selector into a
     * selector over profile labels). {@code all()} and {@code global()} are left as they are.
     *
     * @throws IllegalArgumentException if the prefix has characters a label cannot have
     */
    Selector withLabelPrefix(String prefix);

    /**
     * Parses Calico's v3 selector syntax. Empty or whitespace-only text is {@code all()}.
     *
     * @throws SelectorParseException if the text is not a selector; it carries the position
     *     and what was expected there
     */
    static Selector parse(String text) {
        return Parser.parse(text);
    }

    /** {@code all()}: matches everything. */
    static Selector all() {
        return All.INSTANCE;
    }

    /** {@code global()}: matches everything; namespace selectors give it a special meaning. */
    static Selector global() {
        return Global.INSTANCE;
    }
}
