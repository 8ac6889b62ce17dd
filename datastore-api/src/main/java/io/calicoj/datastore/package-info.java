/**
 * The datastore contract: a {@link io.calicoj.datastore.Syncer} streams a datastore's Calico
 * resources as {@link io.calicoj.datastore.Update}s (an {@link io.calicoj.datastore.Upsert} or a
 * {@link io.calicoj.datastore.Deletion}) with its {@link io.calicoj.datastore.SyncStatus} to one
 * {@link io.calicoj.datastore.SyncerListener}; the calculation graph reads nothing else of a datastore.
 * calicoctl's reads and writes go through {@link io.calicoj.datastore.client.CalicoClient}. Every
 * datastore implements these (today the Kubernetes one, module {@code datastore-kubernetes}); how one is
 * configured is {@code io.calicoj.datastore.config}'s (module {@code datastore-config}), how the
 * Kubernetes API is reached {@code io.calicoj.kube.*}'s (module {@code kube-client}).
 */
package io.calicoj.datastore;
