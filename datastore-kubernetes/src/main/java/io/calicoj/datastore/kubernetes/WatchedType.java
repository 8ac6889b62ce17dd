package io.calicoj.datastore.kubernetes;

import io.calicoj.model.InvalidResourceException;
import io.calicoj.model.ResourceKey;
import io.calicoj.model.ResourceKind;
import io.calicoj.model.k8s.ConvertedPolicy;
import io.calicoj.model.k8s.KubeNamespace;
import io.calicoj.model.k8s.KubeNetworkPolicy;
import io.calicoj.model.k8s.KubeNode;
import io.calicoj.model.k8s.KubePod;
import io.calicoj.model.k8s.NamespaceConverter;
import io.calicoj.model.k8s.NetworkPolicyConverter;
import io.calicoj.model.k8s.NodeConverter;
import io.calicoj.model.k8s.PodConverter;
import io.calicoj.model.k8s.WorkloadEndpointNames;
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
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
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
     * What differs from type to type.
     *
     * @param converter may throw: any exception makes the object invalid
     * @param key       the Calico key of an object, for when it cannot be converted
     * @param describe  the object for messages, e.g. {@code Pod ns/name}
     */
    private record Parts<T extends HasMetadata, S>(
            Function<KubernetesClient, FilterWatchListDeletable<T, ? extends KubernetesResourceList<T>, ?>> operation,
            Function<T, S> slim,
            Function<S, ObjectId> id,
            Function<S, Conversion> converter,
            Function<S, ResourceKey> key,
            Function<S, String> describe) {
    }

    private final String plural;
    private final Parts<T, S> parts;

    private WatchedType(String plural, Parts<T, S> parts) {
        this.plural = plural;
        this.parts = parts;
    }

    /** The API's plural name, e.g. {@code pods}: for logs and thread names. */
    String plural() {
        return plural;
    }

    S slim(T object) {
        return parts.slim().apply(object);
    }

    ObjectId id(S object) {
        return parts.id().apply(object);
    }

    /**
     * What the object is in Calico's terms. Never throws: an object that cannot be converted is
     * {@link Conversion.Invalid}, with a problem naming the object, field and value.
     */
    Conversion convert(S object) {
        try {
            return parts.converter().apply(object);
        } catch (RuntimeException e) {
            String what = parts.describe().apply(object);
            String message;
            if (e instanceof InvalidResourceException ire) {
                // Converters name the object themselves; a record's own validation does not.
                message = ire.object().isEmpty() ? ire.forObject(what).getMessage() : ire.getMessage();
            } else {
                message = what + ": " + Objects.toString(e.getMessage(), e.getClass().getSimpleName());
            }
            return new Conversion.Invalid(parts.key().apply(object), message);
        }
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
                log.error("Cannot read {} {}: {}", plural, describe(item), e.toString());
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
        return plural;
    }

    /** Pods → WorkloadEndpoints. */
    static WatchedType<Pod, KubePod> pods(String interfacePrefix) {
        PodConverter converter = new PodConverter(interfacePrefix);
        return new WatchedType<>("pods", new Parts<Pod, KubePod>(
                c -> c.pods().inAnyNamespace(),
                KubeObjectMapper::pod,
                pod -> ObjectId.of(pod.namespace(), pod.name()),
                pod -> converter.toWorkloadEndpoint(pod).<Conversion>map(wep -> new Conversion.Converted(wep, ""))
                        .orElse(Conversion.ABSENT),
                pod -> ResourceKey.of(ResourceKind.WORKLOAD_ENDPOINT, pod.namespace(),
                        WorkloadEndpointNames.forPod(pod.nodeName(), pod.name())),
                pod -> "Pod " + pod.qualifiedName()));
    }

    /** Namespaces → Profiles {@code kns.<name>}. */
    static WatchedType<Namespace, KubeNamespace> namespaces() {
        return new WatchedType<>("namespaces", new Parts<Namespace, KubeNamespace>(
                KubernetesClient::namespaces,
                KubeObjectMapper::namespace,
                ns -> ObjectId.of("", ns.name()),
                ns -> new Conversion.Converted(NamespaceConverter.toProfile(ns), ""),
                ns -> ResourceKey.of(ResourceKind.PROFILE, NamespaceConverter.profileName(ns.name())),
                ns -> "Namespace " + ns.name()));
    }

    /**
     * {@code networking.k8s.io/v1} NetworkPolicies → Calico NetworkPolicies {@code knp.default.<name>};
     * a policy that lost rules is converted, its dropped rules being its problem.
     */
    static WatchedType<NetworkPolicy, KubeNetworkPolicy> networkPolicies() {
        return new WatchedType<>("networkpolicies", new Parts<NetworkPolicy, KubeNetworkPolicy>(
                c -> c.network().v1().networkPolicies().inAnyNamespace(),
                KubeObjectMapper::networkPolicy,
                np -> ObjectId.of(np.namespace(), np.name()),
                np -> {
                    ConvertedPolicy converted = NetworkPolicyConverter.toCalico(np);
                    return new Conversion.Converted(converted.policy(), converted.droppedRules().stream()
                            .map(e -> e.getMessage() + " (rule dropped)")
                            .collect(Collectors.joining("; ")));
                },
                np -> ResourceKey.of(ResourceKind.NETWORK_POLICY, np.namespace(), NetworkPolicyConverter.policyName(np.name())),
                np -> "NetworkPolicy " + np.qualifiedName()));
    }

    /** Nodes → Calico Nodes. */
    static WatchedType<Node, KubeNode> nodes() {
        return new WatchedType<>("nodes", new Parts<Node, KubeNode>(
                KubernetesClient::nodes,
                KubeObjectMapper::node,
                node -> ObjectId.of("", node.name()),
                node -> new Conversion.Converted(NodeConverter.toCalico(node), ""),
                node -> ResourceKey.of(ResourceKind.NODE, node.name()),
                node -> "Node " + node.name()));
    }
}
