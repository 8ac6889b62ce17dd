package io.calicoj.datastore.kubernetes;

import io.calicoj.datastore.Deletion;
import io.calicoj.datastore.Update;
import io.calicoj.datastore.Upsert;
import io.calicoj.model.Resource;
import io.calicoj.model.ResourceKey;
import io.calicoj.model.k8s.Conversion;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the syncer knows of one Kubernetes type: for each object it has told the listener about,
 * the Calico key and a {@link Fingerprint} of the value, nothing more (a few hundred bytes per
 * pod). Turns lists and watch events into updates: no update when the converted value did not
 * change, a deletion when an object disappears, becomes invalid or loses its Calico
 * counterpart, and after a list a deletion for every object the list no longer has.
 *
 * <p>Not thread-safe; confined to the syncer thread.
 *
 * @param <S> the slim record of the type
 */
final class TypeState<S> {

    private record Sent(ResourceKey key, long fingerprintHigh, long fingerprintLow) {
        boolean same(Fingerprint f) {
            return f.high() == fingerprintHigh && f.low() == fingerprintLow;
        }
    }

    private final WatchedType<?, S> type;
    private final ProblemLog problems;
    private final Map<ObjectId, Sent> sent = new HashMap<>();
    /** Objects with a reported problem, to clear it when they go away. */
    private final Map<ObjectId, ResourceKey> problemKeys = new HashMap<>();
    private boolean listed;

    TypeState(WatchedType<?, S> type, ProblemLog problems) {
        this.type = type;
        this.problems = problems;
    }

    WatchedType<?, S> type() {
        return type;
    }

    /** Whether a complete list has been applied at least once. */
    boolean listed() {
        return listed;
    }

    /** Number of objects the listener knows of. */
    int size() {
        return sent.size();
    }

    /** A complete list: every object in it is applied, every other known object is deleted. */
    void onListed(List<S> items, List<Update> out) {
        Set<ObjectId> seen = new HashSet<>(items.size() * 2);
        for (S item : items) {
            seen.add(type.id(item));
            apply(item, out);
        }
        for (Iterator<Map.Entry<ObjectId, Sent>> it = sent.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<ObjectId, Sent> e = it.next();
            if (!seen.contains(e.getKey())) {
                out.add(new Deletion(e.getValue().key()));
                it.remove();
            }
        }
        problemKeys.entrySet().removeIf(e -> {
            if (seen.contains(e.getKey())) {
                return false;
            }
            problems.clear(e.getValue());
            return true;
        });
        listed = true;
    }

    /** An object was added or changed. */
    void onChanged(S item, List<Update> out) {
        apply(item, out);
    }

    /** An object was deleted. */
    void onRemoved(S item, List<Update> out) {
        ObjectId id = type.id(item);
        Sent previous = sent.remove(id);
        if (previous != null) {
            out.add(new Deletion(previous.key()));
        }
        clearProblem(id);
    }

    private void apply(S item, List<Update> out) {
        ObjectId id = type.id(item);
        Conversion conversion = type.convert(item);
        if (conversion instanceof Conversion.Converted c) {
            upsert(id, c.resource(), out);
            if (c.problem().isEmpty()) {
                clearProblem(id);
            } else {
                reportProblem(id, c.resource().key(), c.problem(), false);
            }
        } else if (conversion instanceof Conversion.Invalid invalid) {
            remove(id, out);
            reportProblem(id, invalid.key(), invalid.problem(), true);
        } else {
            remove(id, out);
            clearProblem(id);
        }
    }

    private void upsert(ObjectId id, Resource resource, List<Update> out) {
        Fingerprint fingerprint = Fingerprint.of(resource);
        Sent previous = sent.get(id);
        if (previous != null && previous.same(fingerprint) && previous.key().equals(resource.key())) {
            return;
        }
        if (previous != null && !previous.key().equals(resource.key())) {
            out.add(new Deletion(previous.key()));
        }
        ResourceKey key = resource.key();
        // Share the interned namespace of the id instead of keeping the object's own copy.
        ResourceKey slimKey = new ResourceKey(key.kind(), key.namespace().isEmpty() ? "" : id.namespace(), key.name());
        sent.put(id, new Sent(slimKey, fingerprint.high(), fingerprint.low()));
        out.add(Upsert.of(resource));
    }

    private void remove(ObjectId id, List<Update> out) {
        Sent previous = sent.remove(id);
        if (previous != null) {
            out.add(new Deletion(previous.key()));
        }
    }

    private void reportProblem(ObjectId id, ResourceKey key, String problem, boolean skipped) {
        ResourceKey old = problemKeys.put(id, key);
        if (old != null && !old.equals(key)) {
            problems.clear(old);
        }
        problems.report(key, problem, skipped);
    }

    private void clearProblem(ObjectId id) {
        ResourceKey key = problemKeys.remove(id);
        if (key != null) {
            problems.clear(key);
        }
    }
}
