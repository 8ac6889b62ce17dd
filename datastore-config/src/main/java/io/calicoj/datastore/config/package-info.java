/**
 * Which datastore to use and its settings as the user wrote them: Calico's {@code CalicoAPIConfig},
 * loaded by {@link io.calicoj.datastore.config.DatastoreConfigLoader} from the environment or a
 * {@code calicoctl.cfg} file, one loader for calico-felix, calicoctl and the CNI plugin. It covers every
 * datastore ({@link io.calicoj.datastore.config.KubernetesSettings}, {@link io.calicoj.datastore.config.EtcdSettings})
 * and resolves no connection: each datastore turns its settings into one (the Kubernetes datastore in
 * {@code io.calicoj.kube.connection}). A module of its own so that a datastore needs only its own client
 * next to it (an etcd datastore would depend on this and the contract, not on the Kubernetes client), and
 * the contract, which the calculation graph reads, stays free of JSON and YAML.
 */
package io.calicoj.datastore.config;
