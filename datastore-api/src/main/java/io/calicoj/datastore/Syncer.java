package io.calicoj.datastore;

/**
 * A datastore's stream of Calico resources: first the complete current state (ending with
 * {@link SyncStatus#IN_SYNC}), then changes. After any re-list it emits deletions for whatever
 * vanished meanwhile, so a listener's view converges to the datastore's.
 *
 * <p>Implemented by the Kubernetes datastore ({@code datastore-kubernetes}: Pods, Namespaces,
 * NetworkPolicies and Nodes). There is no etcd datastore yet: {@code DATASTORE_TYPE=etcdv2} is refused
 * at start-up; its settings are loaded with every other ({@code datastore-config}).
 */
public interface Syncer extends AutoCloseable {

    /** Starts syncing into {@code listener}; returns at once. May be called once. */
    void start(SyncerListener listener);

    /** Stops watching and releases connections. No callbacks arrive after this returns. */
    @Override
    void close();
}
