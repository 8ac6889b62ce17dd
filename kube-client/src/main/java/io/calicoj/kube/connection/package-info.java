/**
 * How a program reaches the Kubernetes API: {@link io.calicoj.kube.connection.KubeConnections} resolves
 * the datastore settings (a kubeconfig, {@code K8S_*}, else the pod's service account) into one
 * {@link io.calicoj.kube.connection.KubeConnection}; {@link io.calicoj.kube.connection.TokenFile} follows a
 * rotated service account token; {@link io.calicoj.kube.connection.UserAgent} names the program. The
 * same for every client, the lean one and calico-felix's fabric8 one.
 */
package io.calicoj.kube.connection;
