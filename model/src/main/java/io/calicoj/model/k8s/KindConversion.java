package io.calicoj.model.k8s;

import io.calicoj.model.InvalidResourceException;
import io.calicoj.model.ResourceKey;
import io.calicoj.model.ResourceKind;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the objects of one Kubernetes kind, as slim records {@code S}, are in Calico's terms, failing
 * closed: an object that cannot be converted is {@link Conversion.Invalid} under the key it would have.
 * The one conversion of every reader of the Kubernetes API: calico-felix's syncer (through fabric8) and
 * calicoctl's lean client convert through the same kinds, so calicoctl shows exactly what Felix gets.
 *
 * @param <S> the slim record
 */
public final class KindConversion<S> {

    private final String plural;
    private final Function<S, Conversion> converter;
    private final Function<S, ResourceKey> key;
    private final Function<S, String> describe;

    /**
     * @param converter may throw: any exception makes the object invalid
     * @param key       the Calico key of an object, for when it cannot be converted
     * @param describe  the object for messages, e.g. {@code Pod ns/name}
     */
    private KindConversion(String plural, Function<S, Conversion> converter, Function<S, ResourceKey> key,
                           Function<S, String> describe) {
        this.plural = plural;
        this.converter = converter;
        this.key = key;
        this.describe = describe;
    }

    /** Pods → WorkloadEndpoints (none for a host-network pod or a pod without an address yet). */
    public static KindConversion<KubePod> pods(String interfacePrefix) {
        PodConverter converter = new PodConverter(interfacePrefix);
        return new KindConversion<>("pods",
                pod -> converter.toWorkloadEndpoint(pod).<Conversion>map(wep -> new Conversion.Converted(wep, ""))
                        .orElse(Conversion.ABSENT),
                pod -> ResourceKey.of(ResourceKind.WORKLOAD_ENDPOINT, pod.namespace(),
                        WorkloadEndpointNames.forPod(pod.nodeName(), pod.name())),
                pod -> "Pod " + pod.qualifiedName());
    }

    /** Namespaces → Profiles {@code kns.<name>}. */
    public static KindConversion<KubeNamespace> namespaces() {
        return new KindConversion<>("namespaces",
                ns -> new Conversion.Converted(NamespaceConverter.toProfile(ns), ""),
                ns -> ResourceKey.of(ResourceKind.PROFILE, NamespaceConverter.profileName(ns.name())),
                ns -> "Namespace " + ns.name());
    }

    /**
     * {@code networking.k8s.io/v1} NetworkPolicies → Calico NetworkPolicies {@code knp.default.<name>};
     * a policy that lost rules is converted, its dropped rules being its problem.
     */
    public static KindConversion<KubeNetworkPolicy> networkPolicies() {
        return new KindConversion<>("networkpolicies",
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
    public static KindConversion<KubeNode> nodes() {
        return new KindConversion<>("nodes",
                node -> new Conversion.Converted(NodeConverter.toCalico(node), ""),
                node -> ResourceKey.of(ResourceKind.NODE, node.name()),
                node -> "Node " + node.name());
    }

    /** The API's plural name of the kind, e.g. {@code pods}: for logs and thread names. */
    public String plural() {
        return plural;
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
