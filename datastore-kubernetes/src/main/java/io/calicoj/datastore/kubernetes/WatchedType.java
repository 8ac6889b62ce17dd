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
abstract class WatchedType<T extends HasMetadata, S> {

    private static final Logger log = LoggerFactory.getLogger(WatchedType.class);

    /** A list's items, slimmed, and the resource version to watch from. */
    record Listing<S>(List<S> items, String resourceVersion) {
    }

    private final String plural;
    private final Function<KubernetesClient, FilterWatchListDeletable<T, ? extends KubernetesResourceList<T>, ?>> operation;

    WatchedType(String plural,
                Function<KubernetesClient, FilterWatchListDeletable<T, ? extends KubernetesResourceList<T>, ?>> operation) {
        this.plural = plural;
        this.operation = operation;
    }

    /** The API's plural name, e.g. {@code pods}: for logs and thread names. */
    String plural() {
        return plural;
    }

    abstract S slim(T object);

    abstract ObjectId id(S object);

    /** Never throws: an object that cannot be converted is {@link Conversion.Invalid}. */
    abstract Conversion convert(S object);

    /**
     * Lists every object.
     *
     * @param resourceVersion {@code "0"} (any, from the API server's cache), a version not to go
     *                        back behind, or {@code ""} for the latest (after 410 Gone)
     */
    Listing<S> list(KubernetesClient client, String resourceVersion) {
        KubernetesResourceList<T> list = operation.apply(client).list(new ListOptionsBuilder()
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
        return operation.apply(client).watch(new ListOptionsBuilder()
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
        return new WatchedType<>("pods", c -> c.pods().inAnyNamespace()) {
            @Override
            KubePod slim(Pod object) {
                return KubeObjectMapper.pod(object);
            }

            @Override
            ObjectId id(KubePod pod) {
                return ObjectId.of(pod.namespace(), pod.name());
            }

            @Override
            Conversion convert(KubePod pod) {
                try {
                    return converter.toWorkloadEndpoint(pod)
                            .<Conversion>map(wep -> new Conversion.Converted(wep, ""))
                            .orElse(Conversion.ABSENT);
                } catch (RuntimeException e) {
                    return invalid(ResourceKey.of(ResourceKind.WORKLOAD_ENDPOINT, pod.namespace(),
                            WorkloadEndpointNames.forPod(pod.nodeName(), pod.name())), "Pod " + pod.qualifiedName(), e);
                }
            }
        };
    }

    /** Namespaces → Profiles {@code kns.<name>}. */
    static WatchedType<Namespace, KubeNamespace> namespaces() {
        return new WatchedType<>("namespaces", KubernetesClient::namespaces) {
            @Override
            KubeNamespace slim(Namespace object) {
                return KubeObjectMapper.namespace(object);
            }

            @Override
            ObjectId id(KubeNamespace ns) {
                return ObjectId.of("", ns.name());
            }

            @Override
            Conversion convert(KubeNamespace ns) {
                try {
                    return new Conversion.Converted(NamespaceConverter.toProfile(ns), "");
                } catch (RuntimeException e) {
                    return invalid(ResourceKey.of(ResourceKind.PROFILE, NamespaceConverter.profileName(ns.name())),
                            "Namespace " + ns.name(), e);
                }
            }
        };
    }

    /** {@code networking.k8s.io/v1} NetworkPolicies → Calico NetworkPolicies {@code knp.default.<name>}. */
    static WatchedType<NetworkPolicy, KubeNetworkPolicy> networkPolicies() {
        return new WatchedType<>("networkpolicies", c -> c.network().v1().networkPolicies().inAnyNamespace()) {
            @Override
            KubeNetworkPolicy slim(NetworkPolicy object) {
                return KubeObjectMapper.networkPolicy(object);
            }

            @Override
            ObjectId id(KubeNetworkPolicy np) {
                return ObjectId.of(np.namespace(), np.name());
            }

            @Override
            Conversion convert(KubeNetworkPolicy np) {
                try {
                    ConvertedPolicy converted = NetworkPolicyConverter.toCalico(np);
                    String dropped = converted.droppedRules().stream()
                            .map(e -> e.getMessage() + " (rule dropped)")
                            .collect(Collectors.joining("; "));
                    return new Conversion.Converted(converted.policy(), dropped);
                } catch (RuntimeException e) {
                    return invalid(ResourceKey.of(ResourceKind.NETWORK_POLICY, np.namespace(),
                            NetworkPolicyConverter.policyName(np.name())), "NetworkPolicy " + np.qualifiedName(), e);
                }
            }
        };
    }

    /** Nodes → Calico Nodes. */
    static WatchedType<Node, KubeNode> nodes() {
        return new WatchedType<>("nodes", KubernetesClient::nodes) {
            @Override
            KubeNode slim(Node object) {
                return KubeObjectMapper.node(object);
            }

            @Override
            ObjectId id(KubeNode node) {
                return ObjectId.of("", node.name());
            }

            @Override
            Conversion convert(KubeNode node) {
                try {
                    return new Conversion.Converted(NodeConverter.toCalico(node), "");
                } catch (RuntimeException e) {
                    return invalid(ResourceKey.of(ResourceKind.NODE, node.name()), "Node " + node.name(), e);
                }
            }
        };
    }

    /**
     * The object counts as deleted. The problem names the object, field and value: converters
     * already say which object; any other error (a record's own validation) gets it added.
     */
    static Conversion.Invalid invalid(ResourceKey key, String object, RuntimeException e) {
        String message;
        if (e instanceof InvalidResourceException ire) {
            message = ire.object().isEmpty() ? ire.forObject(object).getMessage() : ire.getMessage();
        } else {
            message = object + ": " + Objects.toString(e.getMessage(), e.getClass().getSimpleName());
        }
        return new Conversion.Invalid(key, message);
    }
}
