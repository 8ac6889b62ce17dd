/**
 * The Kubernetes datastore ({@code DATASTORE_TYPE=kubernetes}) for the long-running agent: Calico
 * resources straight from the Kubernetes API, through fabric8 with the JDK HTTP client. (The
 * short-lived programs, calicoctl and the CNI plugin, use the lean client of the {@code kube-client}
 * module, {@code io.calicoj.kube.client}, instead.) The connection and its TLS are that module's, the
 * same for every program: {@link io.calicoj.kube.connection.KubeConnections} resolves the settings and
 * {@link io.calicoj.kube.tls.KubeTls} says whom to trust and what to present.
 *
 * <ul>
 *   <li>{@link io.calicoj.datastore.kubernetes.KubernetesDatastore}: the entry point, from a loaded
 *       {@code DatastoreConfig} (kubeconfig, {@code K8S_*}, service account).</li>
 *   <li>{@link io.calicoj.datastore.kubernetes.KubernetesClients}: a fabric8 client from a resolved
 *       connection only (fabric8's own auto-configuration is off), CA pinned when given, request
 *       header logging off so that no log level shows the token.</li>
 *   <li>{@link io.calicoj.datastore.kubernetes.KubernetesSyncer}: Felix's syncer. One LIST and one
 *       WATCH (bookmarks on) per type, each on its own thread; no periodic relist; slim state (the
 *       Calico key and a fingerprint of the converted value per object); relist with
 *       mark-and-sweep after 410 Gone or a lost API server, with capped, jittered backoff; a
 *       watchdog for watches that go silent and a deadline for lists that never finish.</li>
 *   <li>{@link io.calicoj.datastore.kubernetes.PodCidrLookup}: a node's pod CIDRs for
 *       {@code usePodCidr}.</li>
 * </ul>
 *
 * <p>Conversion is the model's ({@link io.calicoj.model.k8s.KindConversion}), the same for the syncer and
 * calicoctl's client, so calicoctl shows exactly what Felix gets ({@code KubeTreesAgreementTest} holds the
 * two object mappers, fabric8's objects and the lean client's JSON trees, to the same records).
 */
package io.calicoj.datastore.kubernetes;
