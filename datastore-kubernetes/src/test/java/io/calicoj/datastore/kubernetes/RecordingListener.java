package io.calicoj.datastore.kubernetes;

import io.calicoj.datastore.Deletion;
import io.calicoj.datastore.SyncStatus;
import io.calicoj.datastore.SyncerListener;
import io.calicoj.datastore.Update;
import io.calicoj.datastore.Upsert;
import io.calicoj.model.Resource;
import io.calicoj.model.ResourceKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * Records a syncer's output and keeps the view it implies (key → value). Enforces the listener
 * contract: never called concurrently, never an empty batch, one thread only.
 */
final class RecordingListener implements SyncerListener {

    /** One call: a status or a batch of updates. */
    record Call(SyncStatus status, List<Update> updates) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final List<Call> calls = new ArrayList<>();
    private final Map<ResourceKey, Resource> view = new TreeMap<>();
    private final Set<String> threads = new HashSet<>();
    private final AtomicBoolean inCall = new AtomicBoolean();
    private final List<String> violations = new ArrayList<>();

    @Override
    public void onStatusUpdated(SyncStatus status) {
        enter();
        synchronized (this) {
            calls.add(new Call(status, List.of()));
            notifyAll();
        }
        inCall.set(false);
    }

    @Override
    public void onUpdates(List<Update> updates) {
        enter();
        synchronized (this) {
            if (updates.isEmpty()) {
                violations.add("empty batch");
            }
            calls.add(new Call(null, List.copyOf(updates)));
            for (Update u : updates) {
                if (u instanceof Upsert up) {
                    view.put(up.key(), up.value());
                } else if (u instanceof Deletion d) {
                    view.remove(d.key());
                }
            }
            notifyAll();
        }
        inCall.set(false);
    }

    private void enter() {
        if (!inCall.compareAndSet(false, true)) {
            synchronized (this) {
                violations.add("concurrent call on " + Thread.currentThread().getName());
            }
        }
        synchronized (this) {
            threads.add(Thread.currentThread().getName());
        }
    }

    /**
     * Waits (up to 30 s) until {@code condition} holds, checking after every call and at least
     * every 20 ms (for conditions on other state, such as the syncer's problems).
     */
    synchronized RecordingListener await(String what, Predicate<RecordingListener> condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.test(this)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out waiting for " + what + "; statuses " + statuses()
                        + ", view " + view.keySet());
            }
            try {
                wait(Math.max(1, Math.min(20, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        return this;
    }

    RecordingListener awaitInSync() {
        return await("in sync", r -> r.statuses().contains(SyncStatus.IN_SYNC));
    }

    RecordingListener awaitPresent(ResourceKey key) {
        return await(key + " present", r -> r.view.containsKey(key));
    }

    RecordingListener awaitAbsent(ResourceKey key) {
        return await(key + " absent", r -> !r.view.containsKey(key));
    }

    synchronized List<SyncStatus> statuses() {
        return calls.stream().filter(c -> c.status() != null).map(Call::status).toList();
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Every update so far, in order. */
    synchronized List<Update> updates() {
        return calls.stream().flatMap(c -> c.updates().stream()).toList();
    }

    /** The updates for one key, in order. */
    synchronized List<Update> updates(ResourceKey key) {
        return updates().stream().filter(u -> u.key().equals(key)).toList();
    }

    synchronized Map<ResourceKey, Resource> view() {
        return Map.copyOf(view);
    }

    synchronized Resource get(ResourceKey key) {
        return view.get(key);
    }

    synchronized Set<String> threads() {
        return Set.copyOf(threads);
    }

    synchronized List<String> violations() {
        return List.copyOf(violations);
    }
}
