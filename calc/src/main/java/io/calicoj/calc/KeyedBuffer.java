package io.calicoj.calc;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Pending updates and removals of one message family (policies, profiles or endpoints), coalesced
 * against what was last sent: an update equal to the sent value is dropped, an update then a
 * removal of something never sent cancel out, a removal then an update become one update.
 *
 * <p>Not thread-safe; confined to the calc thread.
 */
final class KeyedBuffer<K, V> {

    private final Map<K, V> sent = new HashMap<>();
    private final Map<K, V> pendingUpdates = new LinkedHashMap<>();
    private final Set<K> pendingRemovals = new LinkedHashSet<>();

    void update(K key, V value) {
        pendingRemovals.remove(key);
        if (value.equals(sent.get(key))) {
            pendingUpdates.remove(key);
        } else {
            pendingUpdates.put(key, value);
        }
    }

    void remove(K key) {
        pendingUpdates.remove(key);
        if (sent.containsKey(key)) {
            pendingRemovals.add(key);
        }
    }

    boolean isEmpty() {
        return pendingUpdates.isEmpty() && pendingRemovals.isEmpty();
    }

    void flushUpdates(BiConsumer<K, V> send) {
        pendingUpdates.forEach((key, value) -> {
            sent.put(key, value);
            send.accept(key, value);
        });
        pendingUpdates.clear();
    }

    void flushRemovals(Consumer<K> send) {
        for (K key : pendingRemovals) {
            sent.remove(key);
            send.accept(key);
        }
        pendingRemovals.clear();
    }
}
