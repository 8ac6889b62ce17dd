package io.calicoj.model.selector;

/**
 * What every selector node shares: the canonical form and unique ID, computed once on first use.
 *
 * <p>The caches are racy single-check fields holding immutable strings (like
 * {@link String#hashCode()}): threads may compute the same value twice, never a wrong one.
 */
abstract class Node {

    private String canonical;
    private String uniqueId;

    /** Appends Calico's {@code String()} form of this node. */
    abstract void appendCanonical(StringBuilder out);

    static void appendCanonical(Selector selector, StringBuilder out) {
        // Every permitted Selector extends Node.
        ((Node) selector).appendCanonical(out);
    }

    public final String canonical() {
        String c = canonical;
        if (c == null) {
            StringBuilder out = new StringBuilder();
            appendCanonical(out);
            c = out.toString();
            canonical = c;
        }
        return c;
    }

    public final String uniqueId() {
        String id = uniqueId;
        if (id == null) {
            id = UniqueIds.of("s", canonical());
            uniqueId = id;
        }
        return id;
    }

    @Override
    public final String toString() {
        return canonical();
    }
}
