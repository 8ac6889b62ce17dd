package io.calicoj.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a selector sees of an endpoint: its own labels, then the labels it inherits from its
 * profiles (an endpoint label wins over an inherited one; earlier profiles win over later ones).
 *
 * <p>This is the hot path of selector evaluation, so a lookup is one call that answers
 * {@code null} for an absent label instead of allocating an {@code Optional}.
 */
@FunctionalInterface
public interface Labels {

    /** No labels at all. */
    Labels NONE = key -> null;

    /** The value of label {@code key}, or {@code null} when the endpoint does not have it. */
    String valueOrNull(String key);

    /** Whether the label is present (with any value, including the empty string). */
    default boolean has(String key) {
        return valueOrNull(key) != null;
    }

    /** A view of a plain map. The map must not contain null values. */
    static Labels of(Map<String, String> labels) {
        Objects.requireNonNull(labels, "labels");
        return labels::get;
    }

    /**
     * Own labels first, then each parent's labels in order: Calico's label inheritance
     * (endpoint labels win over profile labels).
     */
    static Labels inherited(Map<String, String> own, List<Map<String, String>> parents) {
        Objects.requireNonNull(own, "own");
        List<Map<String, String>> copy = List.copyOf(parents);
        if (copy.isEmpty()) {
            return own::get;
        }
        return key -> {
            String v = own.get(key);
            if (v != null) {
                return v;
            }
            for (Map<String, String> parent : copy) {
                v = parent.get(key);
                if (v != null) {
                    return v;
                }
            }
            return null;
        };
    }
}
