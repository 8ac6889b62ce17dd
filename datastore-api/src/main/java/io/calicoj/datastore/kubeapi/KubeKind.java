package io.calicoj.datastore.kubeapi;

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
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * One Kubernetes resource type Calico reads, as a slim record {@code S}: its API collection, how it
 * is read from a JSON tree, and what it is in Calico's terms. The syncer (through fabric8) and
 * calicoctl (through {@link KubeHttpClient}) convert through the same kinds, so calicoctl shows
 * exactly what Felix gets.
 *
 * @param <S> the slim record
 */
public final class KubeKind<S> {

    private final String plural;
    private final String clusterPath;
    private final String namespacedPath;
    private final Function<JsonNode, S> fromTree;
    private final Function<S, Conversion> converter;
    private final Function<S, ResourceKey> key;
    private final Function<S, String> describe;

    /**
     * @param namespacedPath the collection in one namespace, {@code %s} for the namespace; {@code null} for cluster-scoped kinds
     * @param converter      may throw: any exception makes the object invalid
     * @param key            the Calico key of an object, for when it cannot be converted
     * @param describe       the object for messages, e.g. {@code Pod ns/name}
     */
    private KubeKind(String plural, String clusterPath, String namespacedPath, Function<JsonNode, S> fromTree,
                     Function<S, Conversion> converter, Function<S, ResourceKey> key, Function<S, String> describe) {
        this.plural = plural;
        this.clusterPath = clusterPath;
        this.namespacedPath = namespacedPath;
        this.fromTree = fromTree;
        this.converter = converter;
        this.key = key;
        this.describe = describe;
    }

    /** Pods → WorkloadEndpoints (none for a host-network pod or a pod without an address yet). */
    public static KubeKind<KubePod> pods(String interfacePrefix) {
        PodConverter converter = new PodConverter(interfacePrefix);
        return new KubeKind<>("pods", "/api/v1/pods", "/api/v1/namespaces/%s/pods", KubeTrees::pod,
                pod -> converter.toWorkloadEndpoint(pod).<Conversion>map(wep -> new Conversion.Converted(wep, ""))
                        .orElse(Conversion.ABSENT),
                pod -> ResourceKey.of(ResourceKind.WORKLOAD_ENDPOINT, pod.namespace(),
                        WorkloadEndpointNames.forPod(pod.nodeName(), pod.name())),
                pod -> "Pod " + pod.qualifiedName());
    }

    /** Namespaces → Profiles {@code kns.<name>}. */
    public static KubeKind<KubeNamespace> namespaces() {
        return new KubeKind<>("namespaces", "/api/v1/namespaces", null, KubeTrees::namespace,
                ns -> new Conversion.Converted(NamespaceConverter.toProfile(ns), ""),
                ns -> ResourceKey.of(ResourceKind.PROFILE, NamespaceConverter.profileName(ns.name())),
                ns -> "Namespace " + ns.name());
    }

    /**
     * {@code networking.k8s.io/v1} NetworkPolicies → Calico NetworkPolicies {@code knp.default.<name>};
     * a policy that lost rules is converted, its dropped rules being its problem.
     */
    public static KubeKind<KubeNetworkPolicy> networkPolicies() {
        return new KubeKind<>("networkpolicies", "/apis/networking.k8s.io/v1/networkpolicies",
                "/apis/networking.k8s.io/v1/namespaces/%s/networkpolicies", KubeTrees::networkPolicy,
                np -> {
                    ConvertedPolicy converted = NetworkPolicyConverter.toCalico(np);
                    return new Conversion.Converted(converted.policy(), converted.droppedRules().stream()
                            .map(e -> e.getMessage() + " (rule dropped)")
                            .collect(Collectors.joining("; ")));
                },
                np -> ResourceKey.of(ResourceKind.NETWORK_POLICY, np.namespace(), NetworkPolicyConverter.policyName(np.name())),
                np -> "NetworkPolicy " + np.qualifiedName());
    }

    /** Nodes → Calico Nodes. */
    public static KubeKind<KubeNode> nodes() {
        return new KubeKind<>("nodes", "/api/v1/nodes", null, KubeTrees::node,
                node -> new Conversion.Converted(NodeConverter.toCalico(node), ""),
                node -> ResourceKey.of(ResourceKind.NODE, node.name()),
                node -> "Node " + node.name());
    }

    /** The API's plural name, e.g. {@code pods}: for logs and thread names. */
    public String plural() {
        return plural;
    }

    /**
     * The API path of the collection, or of one object in it.
     *
     * @param namespace the namespace of a namespaced kind, {@code ""} for all namespaces; ignored for cluster-scoped kinds
     * @param name      the object's name, or {@code ""} for the collection
     * @throws IllegalArgumentException when a non-empty namespace or name is not a Kubernetes name
     */
    public String path(String namespace, String name) {
        String collection = namespacedPath == null || namespace.isEmpty() ? clusterPath
                : namespacedPath.formatted(checkedName(namespace));
        return name.isEmpty() ? collection : collection + "/" + checkedName(name);
    }

    private static String checkedName(String name) {
        if (!KubeHttpClient.isName(name)) {
            throw new IllegalArgumentException("not a Kubernetes name: \"" + name + "\"");
        }
        return name;
    }

    /** The slim record of an API object read as a tree. */
    public S fromTree(JsonNode object) {
        return fromTree.apply(object);
    }

    /** The Calico key the object has (or would have). */
    public ResourceKey key(S object) {
        return key.apply(object);
    }

    /**
     * What the object is in Calico's terms. Never throws: an object that cannot be converted is
     * {@link Conversion.Invalid}, with a problem naming the object, field and value.
     */
    public Conversion convert(S object) {
        try {
            return converter.apply(object);
        } catch (RuntimeException e) {
            String what = describe.apply(object);
            String message;
            if (e instanceof InvalidResourceException ire) {
                // Converters name the object themselves; a record's own validation does not.
                message = ire.object().isEmpty() ? ire.forObject(what).getMessage() : ire.getMessage();
            } else {
                message = what + ": " + Objects.toString(e.getMessage(), e.getClass().getSimpleName());
            }
            return new Conversion.Invalid(key.apply(object), message);
        }
    }

    @Override
    public String toString() {
        return plural;
    }
}
