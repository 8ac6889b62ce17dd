package io.calicoj.datastore.kubernetes;

import io.calicoj.datastore.SyncStatus;
import io.calicoj.datastore.Syncer;
import io.calicoj.datastore.SyncerListener;
import io.calicoj.datastore.Update;
import io.calicoj.kube.connection.KubeConnection;
import io.calicoj.model.ResourceKey;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kubernetes datastore's {@link Syncer} ({@code DATASTORE_TYPE=kubernetes}): Pods →
 * WorkloadEndpoints, Namespaces → Profiles {@code kns.<ns>}, NetworkPolicies → Calico
 * NetworkPolicies {@code knp.default.<name>} and (unless {@code K8S_DISABLE_NODE_POLL}) Nodes →
 * Nodes, straight from the API server.
 *
 * <p>Per type, one LIST and one long-lived WATCH with bookmarks, on its own thread (a
 * {@link Reflector}); no periodic relist. This is a hand-written list/watch loop rather than a
 * fabric8 informer: an informer keeps every whole object in its cache (about 11 KiB per pod)
 * and decides by itself when to relist and how to back off. Here objects are cut down to the
 * {@code Kube*} records as they arrive, converted on the syncer thread, and only the Calico key
 * and a {@link Fingerprint} of the converted value are kept (a few hundred bytes per pod), which
 * is also enough to send nothing when an object changed in ways Calico does not see.
 *
 * <p>Status: {@code WAIT_FOR_DATASTORE}, then {@code RESYNC_IN_PROGRESS} with the first list,
 * then {@code IN_SYNC} once every type has been listed, after that list's updates. As in
 * Calico's watcher syncer, {@code IN_SYNC} is then kept for good: a later relist (after 410
 * Gone or a lost API server) sends only what changed meanwhile, deletions included, and the
 * listener's view stays complete (if stale while the API server is away).
 *
 * <p>Failures: a LIST or WATCH that fails, or a watch that ends without delivering anything, is
 * retried after a capped, jittered exponential backoff ({@link SyncerOptions#backoff()}), with a
 * new LIST whose result is swept against what was sent before. A watch silent for
 * {@link SyncerOptions#watchSilenceTimeout()} (API servers send a bookmark every minute) is
 * restarted from its resource version; a LIST not done within {@link SyncerOptions#listTimeout()}
 * is abandoned and tried again.
 *
 * <p>Objects that cannot be converted (a pod IP that does not parse, a policy whose selector
 * does not convert) are logged at WARN once and count as deleted; a policy that loses some rules
 * is sent with its good rules. {@link #problems()} tells what is wrong with which object.
 *
 * <p>The listener is called on one thread owned by this syncer, never concurrently; updates
 * that arrive together are delivered together.
 */
public final class KubernetesSyncer implements Syncer {

    private static final Logger log = LoggerFactory.getLogger(KubernetesSyncer.class);
    /** At most this many queued events go into one listener call (a list counts as one). */
    private static final int MAX_EVENTS_PER_BATCH = 1000;
    private static final long JOIN_TIMEOUT_MS = 10_000;

    /** Work for the syncer thread: apply one event, appending updates to {@code out}. */
    @FunctionalInterface
    private interface Task {
        void run(List<Update> out);
    }

    private static final Task STOP = out -> {
    };

    private final KubernetesClient client;
    private final boolean ownsClient;
    private final SyncerOptions options;
    private final ProblemLog problems = new ProblemLog();
    private final BlockingQueue<Task> queue = new LinkedBlockingQueue<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final List<TypeState<?>> states = new ArrayList<>();
    private final List<Reflector<?, ?>> reflectors = new ArrayList<>();
    private final List<Thread> reflectorThreads = new ArrayList<>();
    private volatile boolean closed;
    private Thread syncerThread;
    private SyncerListener listener;
    /** Confined to the syncer thread. */
    private SyncStatus status;

    /** A syncer using {@code client}, which the caller keeps and closes. */
    public KubernetesSyncer(KubernetesClient client, SyncerOptions options) {
        this(client, options, false);
    }

    private KubernetesSyncer(KubernetesClient client, SyncerOptions options, boolean ownsClient) {
        this.client = Objects.requireNonNull(client, "client");
        this.options = Objects.requireNonNull(options, "options");
        this.ownsClient = ownsClient;
    }

    /** A syncer with its own client for {@code connection} ({@code User-Agent: calico-felix/<version>}), closed with the syncer. */
    public static KubernetesSyncer create(KubeConnection connection, SyncerOptions options) {
        return new KubernetesSyncer(KubernetesClients.create(connection, KubernetesClients.CALICO_FELIX), options, true);
    }

    @Override
    public void start(SyncerListener syncerListener) {
        Objects.requireNonNull(syncerListener, "listener");
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("the syncer was already started");
        }
        if (closed) {
            throw new IllegalStateException("the syncer is closed");
        }
        this.listener = syncerListener;
        add(WatchedType.pods(options.interfacePrefix()));
        add(WatchedType.namespaces());
        add(WatchedType.networkPolicies());
        if (options.watchNodes()) {
            add(WatchedType.nodes());
        }
        syncerThread = new Thread(this::loop, "calicoj-k8s-syncer");
        syncerThread.setDaemon(true);
        syncerThread.start();
        for (int i = 0; i < reflectors.size(); i++) {
            Thread t = new Thread(reflectors.get(i), "calicoj-k8s-" + states.get(i).type().plural());
            t.setDaemon(true);
            reflectorThreads.add(t);
            t.start();
        }
        log.info("Syncing pods, namespaces, network policies{} from Kubernetes API server {}",
                options.watchNodes() ? " and nodes" : "", KubernetesErrors.server(client));
    }

    private <T extends HasMetadata, S> void add(WatchedType<T, S> type) {
        TypeState<S> state = new TypeState<>(type, problems);
        states.add(state);
        reflectors.add(new Reflector<>(state, type, client, new QueueSink<>(), options));
    }

    /** Hands events from the reflector and watch threads to the syncer thread. */
    private final class QueueSink<S> implements Reflector.Sink<S> {
        @Override
        public void listed(TypeState<S> state, WatchedType.Listing<S> listing) {
            queue.add(out -> state.onListed(listing.items(), out));
        }

        @Override
        public void changed(TypeState<S> state, S object) {
            queue.add(out -> state.onChanged(object, out));
        }

        @Override
        public void removed(TypeState<S> state, S object) {
            queue.add(out -> state.onRemoved(object, out));
        }
    }

    /** The syncer thread: applies queued events in order and calls the listener. */
    private void loop() {
        setStatus(SyncStatus.WAIT_FOR_DATASTORE);
        List<Task> tasks = new ArrayList<>();
        List<Update> pending = new ArrayList<>();
        try {
            while (true) {
                tasks.add(queue.take());
                queue.drainTo(tasks, MAX_EVENTS_PER_BATCH - 1);
                for (Task task : tasks) {
                    if (task == STOP) {
                        return;
                    }
                    task.run(pending);
                    advanceStatus(pending);
                }
                tasks.clear();
                flush(pending);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void advanceStatus(List<Update> pending) {
        if (status == SyncStatus.WAIT_FOR_DATASTORE && states.stream().anyMatch(TypeState::listed)) {
            setStatus(SyncStatus.RESYNC_IN_PROGRESS);
        }
        if (status == SyncStatus.RESYNC_IN_PROGRESS && states.stream().allMatch(TypeState::listed)) {
            flush(pending);
            setStatus(SyncStatus.IN_SYNC);
            log.info("In sync: {}", states.stream().map(s -> s.size() + " " + s.type().plural()).toList());
        }
    }

    private void flush(List<Update> pending) {
        if (pending.isEmpty()) {
            return;
        }
        List<Update> batch = List.copyOf(pending);
        pending.clear();
        if (closed) {
            return;
        }
        try {
            listener.onUpdates(batch);
        } catch (RuntimeException e) {
            log.error("The syncer listener failed on {} updates", batch.size(), e);
        }
    }

    private void setStatus(SyncStatus newStatus) {
        status = newStatus;
        log.info("Datastore status: {}", newStatus);
        if (closed) {
            return;
        }
        try {
            listener.onStatusUpdated(newStatus);
        } catch (RuntimeException e) {
            log.error("The syncer listener failed on status {}", newStatus, e);
        }
    }

    /**
     * What is wrong with each object that could not be converted, or only in part, by its Calico
     * key: e.g. {@code Pod ns/p: status.podIPs[0]: invalid value "10.0.0.999": not an IP address}.
     * Only current problems; an object that is fixed or deleted drops out.
     */
    public Map<ResourceKey, String> problems() {
        return problems.snapshot();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        reflectors.forEach(Reflector::stop);
        reflectorThreads.forEach(Thread::interrupt);
        for (Thread t : reflectorThreads) {
            join(t);
        }
        queue.add(STOP);
        if (syncerThread != null && Thread.currentThread() != syncerThread) {
            join(syncerThread);
        }
        if (ownsClient) {
            client.close();
        }
        log.info("Stopped syncing from Kubernetes API server {}", KubernetesErrors.server(client));
    }

    private static void join(Thread t) {
        try {
            t.join(JOIN_TIMEOUT_MS);
            if (t.isAlive()) {
                log.warn("Thread {} did not stop within {} ms", t.getName(), JOIN_TIMEOUT_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
