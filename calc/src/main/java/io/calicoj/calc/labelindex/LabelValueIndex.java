package io.calicoj.calc.labelindex;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Things filed under (label, value) pairs, with counts for choosing the most selective pair.
 * Not thread-safe; confined to the calc thread.
 */
final class LabelValueIndex<T> {

    private final Map<String, Map<String, Set<T>>> byLabel = new HashMap<>();
    private final Map<String, Integer> countByLabel = new HashMap<>();

    void add(String label, String value, T thing) {
        if (byLabel.computeIfAbsent(label, l -> new HashMap<>()).computeIfAbsent(value, v -> new HashSet<>()).add(thing)) {
            countByLabel.merge(label, 1, Integer::sum);
        }
    }

    void remove(String label, String value, T thing) {
        Map<String, Set<T>> byValue = byLabel.get(label);
        Set<T> things = byValue == null ? null : byValue.get(value);
        if (things == null || !things.remove(thing)) {
            return;
        }
        if (things.isEmpty()) {
            byValue.remove(value);
            if (byValue.isEmpty()) {
                byLabel.remove(label);
            }
        }
        countByLabel.computeIfPresent(label, (l, n) -> n == 1 ? null : n - 1);
    }

    /** The things filed under exactly this pair; do not modify. */
    Set<T> get(String label, String value) {
        Map<String, Set<T>> byValue = byLabel.get(label);
        Set<T> things = byValue == null ? null : byValue.get(value);
        return things == null ? Set.of() : things;
    }

    int count(String label, String value) {
        return get(label, value).size();
    }

    /** How many things are filed under this label, whatever the value. */
    int count(String label) {
        return countByLabel.getOrDefault(label, 0);
    }

    /** Calls {@code action} for every thing filed under this label, whatever the value. */
    void forEachWithLabel(String label, Consumer<? super T> action) {
        Map<String, Set<T>> byValue = byLabel.get(label);
        if (byValue != null) {
            byValue.values().forEach(things -> things.forEach(action));
        }
    }
}
