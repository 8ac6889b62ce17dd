/**
 * The lean Kubernetes client of the short-lived programs (calicoctl, the CNI plugin): the JDK HTTP
 * client with Jackson trees ({@link io.calicoj.kube.client.KubeHttpClient}), the kinds Calico reads as
 * slim records ({@link io.calicoj.kube.client.KubeKind}, converted by the model's
 * {@code KindConversion} like the syncer's), and calicoctl's read-only view of the Kubernetes datastore
 * ({@link io.calicoj.kube.client.KubernetesCalicoClient}). No fabric8: its client and typed model cost a
 * fresh JVM most of a short run.
 */
package io.calicoj.kube.client;
