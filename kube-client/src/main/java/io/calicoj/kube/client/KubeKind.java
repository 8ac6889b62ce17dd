package io.calicoj.kube.client;

import io.calicoj.model.k8s.Conversion;
import io.calicoj.model.k8s.KindConversion;
import io.calicoj.model.k8s.KubeNamespace;
import io.calicoj.model.k8s.KubeNetworkPolicy;
import io.calicoj.model.k8s.KubeNode;
import io.calicoj.model.k8s.KubePod;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * One Kubernetes resource type Calico reads, on the lean client: its API collection, how it is read
 * from a JSON tree as a slim record {@code S}, and what it is in Calico's terms — the model's
 * {@link KindConversion}, the same the syncer converts through (over fabric8), so calicoctl shows
 * exactly what Felix gets.
 *
 * @param <S> the slim record
 */
public final class KubeKind<S> {

    private final KindConversion<S> conversion;
    private final String clusterPath;
    private final String namespacedPath;
    private final Function<JsonNode, S> fromTree;

    /** @param namespacedPath the collection in one namespace, {@code %s} for the namespace; {@code null} for cluster-scoped kinds */
    private KubeKind(KindConversion<S> conversion, String clusterPath, String namespacedPath, Function<JsonNode, S> fromTree) {
        this.conversion = conversion;
        this.clusterPath = clusterPath;
        this.namespacedPath = namespacedPath;
        this.fromTree = fromTree;
    }

    /** Pods → WorkloadEndpoints (none for a host-network pod or a pod without an address yet). */
    public static KubeKind<KubePod> pods(String interfacePrefix) {
        return new KubeKind<>(KindConversion.pods(interfacePrefix), "/api/v1/pods", "/api/v1/namespaces/%s/pods",
                KubeTrees::pod);
    }

    /** Namespaces → Profiles {@code kns.<name>}. */
    public static KubeKind<KubeNamespace> namespaces() {
        return new KubeKind<>(KindConversion.namespaces(), "/api/v1/namespaces", null, KubeTrees::namespace);
    }

    /** {@code networking.k8s.io/v1} NetworkPolicies → Calico NetworkPolicies {@code knp.default.<name>}. */
    public static KubeKind<KubeNetworkPolicy> networkPolicies() {
        return new KubeKind<>(KindConversion.networkPolicies(), "/apis/networking.k8s.io/v1/networkpolicies",
                "/apis/networking.k8s.io/v1/namespaces/%s/networkpolicies", KubeTrees::networkPolicy);
    }

    /** Nodes → Calico Nodes. */
    public static KubeKind<KubeNode> nodes() {
        return new KubeKind<>(KindConversion.nodes(), "/api/v1/nodes", null, KubeTrees::node);
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

    /** What the object is in Calico's terms; never throws (see {@link KindConversion#convert}). */
    public Conversion convert(S object) {
        return conversion.convert(object);
    }

    @Override
    public String toString() {
        return conversion.plural();
    }
}
