package io.calicoj.datastore.kubernetes;

import io.calicoj.datastore.KubeConnection;
import io.calicoj.datastore.client.CalicoClient;
import io.calicoj.datastore.client.DatastoreException;
import io.calicoj.datastore.kubeapi.Conversion;
import io.calicoj.model.Resource;
import io.calicoj.model.ResourceKey;
import io.calicoj.model.ResourceKind;
import io.calicoj.model.k8s.NamespaceConverter;
import io.calicoj.model.k8s.NetworkPolicyConverter;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * calicoctl's view of the Kubernetes datastore ({@code DATASTORE_TYPE=kubernetes}): Calico
 * resources computed from the Kubernetes objects on each call, exactly as the syncer computes
 * them. WorkloadEndpoints come from Pods, Profiles {@code kns.<ns>} from Namespaces,
 * NetworkPolicies {@code knp.default.<name>} from Kubernetes NetworkPolicies and Nodes from
 * Nodes.
 *
 * <p>The kinds that would need Calico's CRDs (GlobalNetworkPolicy, HostEndpoint, IPPool,
 * FelixConfiguration, and Calico NetworkPolicies of other names) do not exist here: listing them
 * gives an empty list and getting one says it does not exist, as in Calico's own Kubernetes
 * datastore. Every write is refused with {@link DatastoreException.OperationNotSupported}
 * (operations {@code Create}, {@code Apply}, {@code Update}, {@code Delete}) and a reason telling
 * where the object is managed; nothing is ever reported as done without being done.
 *
 * <p>An object that cannot be converted is left out of lists (with a WARN naming the problem);
 * getting it fails with that problem.
 */
public final class KubernetesCalicoClient implements CalicoClient {

    private static final Logger log = LoggerFactory.getLogger(KubernetesCalicoClient.class);

    static final String KNP_REASON = "kubernetes network policies must be managed through the kubernetes API";
    private static final String NO_CRDS = " resources need Calico's CRDs, which the Kubernetes datastore of Calico/J"
            + " does not have";

    private static final Comparator<Resource> BY_NAMESPACE_THEN_NAME = Comparator
            .comparing((Resource r) -> r.metadata().namespace())
            .thenComparing(r -> r.metadata().name());

    private final KubernetesClient client;
    private final boolean ownsClient;
    private final String server;
    private final WatchedType<Pod, ?> podType;

    /** A client reading through {@code client}, which the caller keeps and closes. */
    public KubernetesCalicoClient(KubernetesClient client, String interfacePrefix) {
        this(client, interfacePrefix, false);
    }

    private KubernetesCalicoClient(KubernetesClient client, String interfacePrefix, boolean ownsClient) {
        this.client = Objects.requireNonNull(client, "client");
        this.ownsClient = ownsClient;
        this.server = KubernetesErrors.server(client);
        this.podType = WatchedType.pods(interfacePrefix);
    }

    /** A client with its own connection ({@code User-Agent: calicoctl/<version>}), closed with it. */
    public static KubernetesCalicoClient create(KubeConnection connection, String interfacePrefix) {
        return new KubernetesCalicoClient(KubernetesClients.create(connection, KubernetesClients.CALICOCTL), interfacePrefix, true);
    }

    @Override
    public List<Resource> list(ResourceKind kind, String namespace) throws DatastoreException {
        Objects.requireNonNull(namespace, "namespace");
        List<Resource> out = switch (kind) {
            case WORKLOAD_ENDPOINT -> convertAll(podType, call(null, () -> namespace.isEmpty()
                    ? client.pods().inAnyNamespace().list().getItems()
                    : client.pods().inNamespace(namespace).list().getItems()));
            case PROFILE -> convertAll(WatchedType.namespaces(), call(null, () -> client.namespaces().list().getItems()));
            case NETWORK_POLICY -> convertAll(WatchedType.networkPolicies(), call(null, () -> namespace.isEmpty()
                    ? client.network().v1().networkPolicies().inAnyNamespace().list().getItems()
                    : client.network().v1().networkPolicies().inNamespace(namespace).list().getItems()));
            case NODE -> convertAll(WatchedType.nodes(), call(null, () -> client.nodes().list().getItems()));
            case GLOBAL_NETWORK_POLICY, HOST_ENDPOINT, IP_POOL, FELIX_CONFIGURATION -> List.of();
        };
        List<Resource> sorted = new ArrayList<>(out);
        sorted.sort(BY_NAMESPACE_THEN_NAME);
        return sorted;
    }

    @Override
    public Resource get(ResourceKey key) throws DatastoreException {
        Objects.requireNonNull(key, "key");
        Optional<Resource> found = switch (key.kind()) {
            case WORKLOAD_ENDPOINT -> {
                Optional<String> pod = podName(key.name());
                yield pod.isEmpty() ? Optional.empty() : convertOne(podType, key,
                        call(key, () -> client.pods().inNamespace(key.namespace()).withName(pod.get()).get()));
            }
            case PROFILE -> key.name().startsWith(NamespaceConverter.PROFILE_PREFIX)
                    ? convertOne(WatchedType.namespaces(), key, call(key, () -> client.namespaces()
                    .withName(key.name().substring(NamespaceConverter.PROFILE_PREFIX.length())).get()))
                    : Optional.empty();
            case NETWORK_POLICY -> key.name().startsWith(NetworkPolicyConverter.NAME_PREFIX)
                    ? convertOne(WatchedType.networkPolicies(), key, call(key, () -> client.network().v1()
                    .networkPolicies().inNamespace(key.namespace())
                    .withName(key.name().substring(NetworkPolicyConverter.NAME_PREFIX.length())).get()))
                    : Optional.empty();
            case NODE -> convertOne(WatchedType.nodes(), key, call(key, () -> client.nodes().withName(key.name()).get()));
            case GLOBAL_NETWORK_POLICY, HOST_ENDPOINT, IP_POOL, FELIX_CONFIGURATION -> Optional.empty();
        };
        return found.orElseThrow(() -> new DatastoreException.ResourceDoesNotExist(key));
    }

    @Override
    public Resource create(Resource resource) throws DatastoreException {
        throw refused("Create", resource.key());
    }

    @Override
    public Resource replace(Resource resource) throws DatastoreException {
        throw refused("Update", resource.key());
    }

    @Override
    public Resource apply(Resource resource) throws DatastoreException {
        throw refused("Apply", resource.key());
    }

    @Override
    public Resource delete(ResourceKey key) throws DatastoreException {
        throw refused("Delete", key);
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    /** Why {@code key} cannot be written here. */
    static DatastoreException.OperationNotSupported refused(String operation, ResourceKey key) {
        String reason = switch (key.kind()) {
            case NETWORK_POLICY -> key.name().startsWith(NetworkPolicyConverter.NAME_PREFIX) ? KNP_REASON
                    : "Calico NetworkPolicy" + NO_CRDS + "; use a Kubernetes NetworkPolicy";
            case WORKLOAD_ENDPOINT -> "workload endpoints are derived from pods and are read-only in the Kubernetes datastore";
            case PROFILE -> "profiles are derived from namespaces and are read-only in the Kubernetes datastore";
            case NODE -> "nodes are derived from Kubernetes nodes and are read-only in the Kubernetes datastore";
            case GLOBAL_NETWORK_POLICY, HOST_ENDPOINT, IP_POOL, FELIX_CONFIGURATION -> key.kind().kindName() + NO_CRDS;
        };
        return new DatastoreException.OperationNotSupported(operation, key, reason);
    }

    /** The pod of a workload endpoint name {@code <node>-k8s-<pod>-eth0} (dashes within a part doubled). */
    static Optional<String> podName(String workloadEndpointName) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        String n = workloadEndpointName;
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c != '-') {
                part.append(c);
            } else if (i + 1 < n.length() && n.charAt(i + 1) == '-') {
                part.append('-');
                i++;
            } else {
                parts.add(part.toString());
                part.setLength(0);
            }
        }
        parts.add(part.toString());
        if (parts.size() != 4 || !parts.get(1).equals("k8s") || parts.get(2).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(parts.get(2));
    }

    private <T extends HasMetadata, S> List<Resource> convertAll(WatchedType<T, S> type, List<T> objects) {
        List<Resource> out = new ArrayList<>(objects.size());
        for (T object : objects) {
            Conversion c = type.convert(type.slim(object));
            if (c instanceof Conversion.Converted converted) {
                out.add(converted.resource());
            } else if (c instanceof Conversion.Invalid invalid) {
                log.warn("Leaving out {}: {}", invalid.key(), invalid.problem());
            }
        }
        return out;
    }

    private <T extends HasMetadata, S> Optional<Resource> convertOne(WatchedType<T, S> type, ResourceKey key, T object)
            throws DatastoreException {
        if (object == null) {
            return Optional.empty();
        }
        Conversion c = type.convert(type.slim(object));
        if (c instanceof Conversion.Converted converted) {
            // A pod on another node has another endpoint name.
            return converted.resource().key().equals(key) ? Optional.of(converted.resource()) : Optional.empty();
        }
        if (c instanceof Conversion.Invalid invalid && invalid.key().equals(key)) {
            throw new DatastoreException.DatastoreError(invalid.problem(), null);
        }
        return Optional.empty();
    }

    @FunctionalInterface
    private interface Call<T> {
        T run();
    }

    /** Runs a Kubernetes call, turning its failure into Calico's error kinds. */
    private <T> T call(ResourceKey key, Call<T> call) throws DatastoreException {
        try {
            return call.run();
        } catch (KubernetesClientException e) {
            if (key == null && e.getCode() == 404) {
                throw new DatastoreException.DatastoreError(KubernetesErrors.describe(e, server), null);
            }
            throw KubernetesErrors.toDatastoreException(e, key, server);
        }
    }
}
