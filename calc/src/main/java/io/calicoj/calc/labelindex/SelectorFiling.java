package io.calicoj.calc.labelindex;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Selectors filed for lookup by item labels: under the (label, value) pairs or the label of the
 * {@link LabelRestriction} each implies (or as unrestricted), and under every label it reads.
 * Answers "which selectors could match an item with these labels" and "which selectors could
 * change their result when these labels change".
 *
 * <p>Not thread-safe; confined to the calc thread.
 */
final class SelectorFiling<S> {

    private final LabelValueIndex<S> byValue = new LabelValueIndex<>();
    private final Map<String, Set<S>> byLabel = new HashMap<>();
    private final Set<S> unrestricted = new HashSet<>();
    private final Map<String, Set<S>> readers = new HashMap<>();

    /** @param restriction the restriction to file under, {@code null} for none; {@code reads} the labels it reads */
    void file(S id, LabelRestriction restriction, Set<String> reads) {
        if (restriction == null) {
            unrestricted.add(id);
        } else if (restriction.anyValue()) {
            byLabel.computeIfAbsent(restriction.label(), k -> new HashSet<>()).add(id);
        } else {
            restriction.values().forEach(value -> byValue.add(restriction.label(), value, id));
        }
        reads.forEach(label -> readers.computeIfAbsent(label, k -> new HashSet<>()).add(id));
    }

    void unfile(S id, LabelRestriction restriction, Set<String> reads) {
        if (restriction == null) {
            unrestricted.remove(id);
        } else if (restriction.anyValue()) {
            removeFrom(byLabel, restriction.label(), id);
        } else {
            restriction.values().forEach(value -> byValue.remove(restriction.label(), value, id));
        }
        reads.forEach(label -> removeFrom(readers, label, id));
    }

    /** The selectors an item with these labels could match: every other one cannot. */
    Set<S> candidates(Map<String, String> labels) {
        Set<S> out = new LinkedHashSet<>(unrestricted);
        labels.forEach((label, value) -> {
            out.addAll(byValue.get(label, value));
            Set<S> any = byLabel.get(label);
            if (any != null) {
                out.addAll(any);
            }
        });
        return out;
    }

    /** The selectors whose result depends on any of these labels. */
    Set<S> readersOf(Set<String> labels) {
        Set<S> out = new LinkedHashSet<>();
        for (String label : labels) {
            Set<S> r = readers.get(label);
            if (r != null) {
                out.addAll(r);
            }
        }
        return out;
    }

    private static <K, V> void removeFrom(Map<K, Set<V>> map, K key, V value) {
        Set<V> values = map.get(key);
        if (values != null && values.remove(value) && values.isEmpty()) {
            map.remove(key);
        }
    }
}
