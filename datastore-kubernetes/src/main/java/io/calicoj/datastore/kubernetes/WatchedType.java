package io.calicoj.datastore.kubernetes;

import io.calicoj.model.k8s.Conversion;
import io.calicoj.model.k8s.KindConversion;
import io.calicoj.model.k8s.KubeNamespace;
import io.calicoj.model.k8s.KubeNetworkPolicy;
import io.calicoj.model.k8s.KubeNode;
import io.calicoj.model.k8s.KubePod;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kubernetes resource type the syncer lists and watches (cluster-wide), how its objects are
 * slimmed down as soon as they arrive, and how a slim object becomes a Calico resource.
 *
 * @param <T> the fabric8 type, only ever held while an event or list is being handled
 * @param <S> the slim record
 */
final class WatchedType<T extends HasMetadata, S> {

    private static final Logger log = LoggerFactory.getLogger(WatchedType.class);

    /** A list's items, slimmed, and the resource version to watch from. */
    record Listing<S>(List<S> items, String resourceVersion) {
    }

    /**
     * What differs from type to type, besides the conversion (the model's {@link KindConversion}, shared with calicoctl's client).
     *
     * @param operation the collection, cluster-wide
     * @param slim      fabric8 object → slim record
     */
    private record Parts<T extends HasMetadata, S>(
            Function<KubernetesClient, FilterWatchListDeletable<T, ? extends KubernetesResourceList<T>, ?>> operation,
            Function<T, S> slim,
            Function<S, ObjectId> id) {
    }

    private final KindConversion<S> conversion;
    private final Parts<T, S> parts;

    private WatchedType(KindConversion<S> conversion, Parts<T, S> parts) {
        this.conversion = conversion;
        this.parts = parts;
    }

    /** The API's plural name, e.g. {@code pods}: for logs and thread names. */
    String plural() {
        return conversion.plural();
    }

    S slim(T object) {
        return parts.slim().apply(object);
    }

    ObjectId id(S object) {
        return parts.id().apply(object);
    }

    /** What the object is in Calico's terms; never throws (see {@link KindConversion#convert}). */
    Conversion convert(S object) {
        return conversion.convert(object);
    }

    /**
     * Lists every object.
     *
     * @param resourceVersion {@code "0"} (any, from the API server's cache), a version not to go
     *                        back behind, or {@code ""} for the latest (after 410 Gone)
     */
    Listing<S> list(KubernetesClient client, String resourceVersion) {
        KubernetesResourceList<T> list = parts.operation().apply(client).list(new ListOptionsBuilder()
                .withResourceVersion(resourceVersion.isEmpty() ? null : resourceVersion)
                .build());
        List<S> items = new ArrayList<>(list.getItems().size());
        for (T item : list.getItems()) {
            try {
                items.add(slim(item));
            } catch (RuntimeException e) {
                // Left out of the list: whatever was known of it is swept away (fail closed).
                log.error("Cannot read {} {}: {}", plural(), describe(item), e.toString());
            }
        }
        String rv = list.getMetadata() == null ? null : list.getMetadata().getResourceVersion();
        return new Listing<>(items, rv == null ? "" : rv);
    }

    /** Starts a watch from {@code resourceVersion} with bookmarks; throws when it cannot be opened. */
    Watch watch(KubernetesClient client, String resourceVersion, Watcher<T> watcher) {
        return parts.operation().apply(client).watch(new ListOptionsBuilder()
                .withResourceVersion(resourceVersion.isEmpty() ? null : resourceVersion)
                .withAllowWatchBookmarks(true)
                .build(), watcher);
    }

    static String describe(HasMetadata object) {
        if (object == null || object.getMetadata() == null) {
            return "(no metadata)";
        }
        String ns = object.getMetadata().getNamespace();
        return (ns == null ? "" : ns + "/") + object.getMetadata().getName();
    }

    @Override
    public String toString() {
        return plural();
    }

    /** Pods → WorkloadEndpoints. */
    static WatchedType<Pod, KubePod> pods(String interfacePrefix) {
        return new WatchedType<>(KindConversion.pods(interfacePrefix), new Parts<Pod, KubePod>(
                c -> c.pods().inAnyNamespace(), KubeObjectMapper::pod, pod -> ObjectId.of(pod.namespace(), pod.name())));
    }

    /** Namespaces → Profiles {@code kns.<name>}. */
    static WatchedType<Namespace, KubeNamespace> namespaces() {
        return new WatchedType<>(KindConversion.namespaces(), new Parts<Namespace, KubeNamespace>(
                KubernetesClient::namespaces, KubeObjectMapper::namespace, ns -> ObjectId.of("", ns.name())));
    }

    /** {@code networking.k8s.io/v1} NetworkPolicies → Calico NetworkPolicies {@code knp.default.<name>}. */
    static WatchedType<NetworkPolicy, KubeNetworkPolicy> networkPolicies() {
        return new WatchedType<>(KindConversion.networkPolicies(), new Parts<NetworkPolicy, KubeNetworkPolicy>(
                c -> c.network().v1().networkPolicies().inAnyNamespace(), KubeObjectMapper::networkPolicy,
                np -> ObjectId.of(np.namespace(), np.name())));
    }

    /** Nodes → Calico Nodes. */
    static WatchedType<Node, KubeNode> nodes() {
        return new WatchedType<>(KindConversion.nodes(), new Parts<Node, KubeNode>(
                KubernetesClient::nodes, KubeObjectMapper::node, node -> ObjectId.of("", node.name())));
    }
}
