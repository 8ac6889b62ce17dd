package io.calicoj.datastore.config;

import java.util.Objects;

/**
 * Which datastore to use and how to reach it: the {@code CalicoAPIConfig} of Calico, loaded from
 * the environment ({@code DATASTORE_TYPE}, {@code KUBECONFIG}, {@code K8S_*}, {@code ETCD_*}, each
 * also as {@code CALICO_*}) or from a {@code calicoctl.cfg} file. One implementation for every
 * program: calico-felix, calicoctl and the CNI plugin.
 *
 * @param source where it came from, for messages: {@code environment} or the file's path
 */
public record DatastoreConfig(DatastoreType type, KubernetesSettings kubernetes, EtcdSettings etcd, String source) {

    public DatastoreConfig {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(kubernetes, "kubernetes");
        Objects.requireNonNull(etcd, "etcd");
        Objects.requireNonNull(source, "source");
    }
}
