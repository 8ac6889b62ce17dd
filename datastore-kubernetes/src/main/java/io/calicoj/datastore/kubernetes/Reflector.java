package io.calicoj.datastore.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one type in sync on its own thread: LIST, then WATCH from the list's resource version
 * (bookmarks on), and when the watch ends:
 * <ul>
 *   <li>normally after delivering events or bookmarks (the API server's watch timeout): WATCH again
 *       from the last resource version seen, no LIST;</li>
 *   <li>with 410 Gone (that version is no longer in the API server's history): LIST again (latest), then WATCH;</li>
 *   <li>when the API server cannot be reached, or a LIST or WATCH fails: wait (exponential backoff,
 *       capped, jittered), then LIST again (from the watch cache, not behind what was seen) and WATCH.</li>
 * </ul>
 * A watch that ends without delivering anything, not even a bookmark (API servers send one about
 * every minute), never worked: it counts as a failure, with backoff and a new LIST. fabric8 reports
 * an unreachable server that way when its WebSocket watch falls back to an HTTP watch, and a server
 * that keeps closing watches at once is not hammered. A watch that stays silent for
 * {@link SyncerOptions#watchSilenceTimeout()} (no event, no bookmark) may have lost its connection
 * without noticing: it is closed and started again from the last resource version seen. There is no periodic relist. Objects are slimmed on
 * arrival and handed to the syncer thread; this thread keeps nothing of them.
 */
final class Reflector<T extends HasMetadata, S> implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(KubernetesSyncer.class);

    /** Where the slim objects go: the syncer thread. */
    interface Sink<S> {
        void listed(TypeState<S> state, WatchedType.Listing<S> listing);

        void changed(TypeState<S> state, S object);

        void removed(TypeState<S> state, S object);
    }

    /**
     * How one watch ended.
     *
     * @param delivered whether it delivered anything (an event or a bookmark)
     * @param gone      whether the API server answered 410 Gone
     * @param silent    whether it was stopped here for delivering nothing for too long
     */
    private record WatchEnd(String resourceVersion, boolean delivered, boolean gone, boolean silent, String reason) {
    }

    private final TypeState<S> state;
    private final WatchedType<T, S> type;
    private final KubernetesClient client;
    private final Sink<S> sink;
    private final SyncerOptions options;
    private final String server;
    private volatile boolean stopped;
    private volatile Watch current;

    Reflector(TypeState<S> state, WatchedType<T, S> type, KubernetesClient client, Sink<S> sink, SyncerOptions options) {
        this.state = state;
        this.type = type;
        this.client = client;
        this.sink = sink;
        this.options = options;
        this.server = KubernetesErrors.server(client);
    }

    @Override
    public void run() {
        String resourceVersion = "";
        String listFrom = "0"; // the first list may come from the API server's watch cache
        boolean needList = true;
        int failures = 0;
        while (!stopped) {
            try {
                if (needList) {
                    WatchedType.Listing<S> listing = listWithin(listFrom, options.listTimeout());
                    log.info("Listed {} {} at resource version {}", listing.items().size(), type.plural(),
                            listing.resourceVersion());
                    sink.listed(state, listing);
                    resourceVersion = listing.resourceVersion();
                    needList = false;
                }
                WatchEnd end = watch(resourceVersion);
                resourceVersion = end.resourceVersion();
                if (end.gone()) {
                    log.info("Watch of {} expired at resource version {} (410 Gone): listing again", type.plural(),
                            resourceVersion);
                    needList = true;
                    listFrom = "";
                }
                if (end.delivered() || end.silent()) {
                    // A silent watch may have lost its connection unnoticed; watching again from
                    // the last version makes the API server replay what was missed (or answer 410).
                    failures = 0;
                } else if (!stopped) {
                    // Not even a bookmark: this watch never worked (see the class comment). List again.
                    needList = true;
                    listFrom = end.gone() ? "" : notBehind(resourceVersion);
                    pause(++failures, "watch of " + type.plural() + " ended without any event: " + end.reason());
                }
            } catch (RuntimeException e) {
                if (stopped) {
                    return;
                }
                boolean gone = e instanceof KubernetesClientException kce && kce.getCode() == 410;
                needList = true;
                listFrom = gone ? "" : notBehind(resourceVersion);
                failures++;
                if (gone && failures == 1) {
                    log.info("Resource version {} of {} is gone (410): listing again", resourceVersion, type.plural());
                    continue;
                }
                try {
                    pause(failures, e instanceof KubernetesClientException kce
                            ? KubernetesErrors.describe(kce, server) : e.toString());
                } catch (InterruptedException ie) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Lists on a thread of its own, giving up after {@code timeout}: a LIST whose body never
     * finishes must not hold the syncer out of sync for good. An abandoned list ends by itself.
     */
    private WatchedType.Listing<S> listWithin(String from, Duration timeout) throws InterruptedException {
        CompletableFuture<WatchedType.Listing<S>> listing = CompletableFuture.supplyAsync(
                () -> type.list(client, from), r -> {
                    Thread t = new Thread(r, "calicoj-k8s-list-" + type.plural());
                    t.setDaemon(true);
                    t.start();
                });
        try {
            return listing.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            listing.cancel(true);
            throw new KubernetesClientException("LIST of " + type.plural() + " from " + server
                    + " did not complete within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new KubernetesClientException(e.getCause().toString());
        } catch (InterruptedException e) {
            listing.cancel(true);
            throw e;
        }
    }

    /** A list that does not go back behind what was already seen (from the watch cache). */
    private static String notBehind(String resourceVersion) {
        return resourceVersion.isEmpty() ? "0" : resourceVersion;
    }

    private void pause(int failures, String reason) throws InterruptedException {
        Duration delay = options.backoff().delay(failures, options.random());
        log.warn("Kubernetes {} from {}: {}; retrying in {} ms (attempt {})", type.plural(), server, reason,
                delay.toMillis(), failures);
        options.sleeper().sleep(delay);
    }

    /** Watches until the watch ends; throws when it cannot be opened. */
    private WatchEnd watch(String fromVersion) throws InterruptedException {
        CompletableFuture<WatchEnd> ended = new CompletableFuture<>();
        AtomicReference<String> version = new AtomicReference<>(fromVersion);
        AtomicBoolean delivered = new AtomicBoolean();
        AtomicLong activity = new AtomicLong();
        Watcher<T> watcher = new Watcher<>() {
            @Override
            public void eventReceived(Action action, T object) {
                delivered.set(true);
                activity.incrementAndGet();
                if (object != null && object.getMetadata() != null && object.getMetadata().getResourceVersion() != null) {
                    version.set(object.getMetadata().getResourceVersion());
                }
                try {
                    switch (action) {
                        case ADDED, MODIFIED -> sink.changed(state, type.slim(object));
                        case DELETED -> sink.removed(state, type.slim(object));
                        default -> {
                            // BOOKMARK: only moves the resource version on; ERROR is handled by fabric8
                        }
                    }
                } catch (RuntimeException e) {
                    log.error("Cannot read {} {} from a watch event: {}", type.plural(), WatchedType.describe(object),
                            e.toString());
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                ended.complete(new WatchEnd(version.get(), delivered.get(), cause.isHttpGone(), false,
                        KubernetesErrors.describe(cause.asClientException(), server)));
            }

            @Override
            public void onClose() {
                ended.complete(new WatchEnd(version.get(), delivered.get(), false, false, "closed"));
            }
        };
        Watch watch = type.watch(client, fromVersion, watcher);
        current = watch;
        if (stopped) {
            watch.close();
        }
        try {
            long seen = activity.get();
            while (true) {
                try {
                    return ended.get(options.watchSilenceTimeout().toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    long now = activity.get();
                    if (now == seen) {
                        log.warn("No event or bookmark on the watch of {} for {} s: watching again from resource version {}",
                                type.plural(), options.watchSilenceTimeout().toSeconds(), version.get());
                        ended.complete(new WatchEnd(version.get(), delivered.get(), false, true, "silent"));
                    }
                    seen = now;
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a watch end is never exceptional", e);
        } finally {
            watch.close();
        }
    }

    /** Stops: closes the open watch; the caller interrupts this reflector's thread. */
    void stop() {
        stopped = true;
        Watch w = current;
        if (w != null) {
            w.close();
        }
    }
}
