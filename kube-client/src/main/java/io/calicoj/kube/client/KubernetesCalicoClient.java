package io.calicoj.kube.client;

import io.calicoj.datastore.client.CalicoClient;
import io.calicoj.datastore.client.DatastoreException;
import io.calicoj.datastore.config.DatastoreConfig;
import io.calicoj.kube.connection.InClusterEnvironment;
import io.calicoj.kube.connection.KubeConnection;
import io.calicoj.kube.connection.KubeConnections;
import io.calicoj.model.Resource;
import io.calicoj.model.ResourceKey;
import io.calicoj.model.ResourceKind;
import io.calicoj.model.k8s.Conversion;
import io.calicoj.model.k8s.KubePod;
import io.calicoj.model.k8s.NamespaceConverter;
import io.calicoj.model.k8s.NetworkPolicyConverter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * calicoctl's view of the Kubernetes datastore ({@code DATASTORE_TYPE=kubernetes}), read-only, on
 * the lean client ({@link KubeHttpClient}; no fabric8, whose client and typed model cost a
 * short-lived process most of its run): Calico resources computed from the Kubernetes objects on
 * each call through the syncer's own conversion ({@link KubeKind}). WorkloadEndpoints come from
 * Pods, Profiles {@code kns.<ns>} from Namespaces, NetworkPolicies {@code knp.default.<name>} from
 * Kubernetes NetworkPolicies and Nodes from Nodes.
 *
 * <p>The kinds that would need Calico's CRDs (GlobalNetworkPolicy, HostEndpoint, IPPool,
 * FelixConfiguration, and Calico NetworkPolicies of other names) do not exist here: listing them
 * gives an empty list and getting one says it does not exist, as in Calico's own Kubernetes
 * datastore. Every write is refused with {@link DatastoreException.OperationNotSupported}
 * (operations {@code Create}, {@code Apply}, {@code Update}, {@code Delete}) and a reason telling
 * where the object is managed, without a request; nothing is ever reported as done without being done.
 *
 * <p>An object that cannot be converted is left out of lists (with a WARN naming the problem);
 * getting it fails with that problem. API failures become Calico's error kinds: 401/403
 * {@link DatastoreException.ConnectionUnauthorized}, a missing object
 * {@link DatastoreException.ResourceDoesNotExist}, anything else {@link DatastoreException.DatastoreError};
 * their messages name the server and the status, never the token.
 */
public final class KubernetesCalicoClient implements CalicoClient {

    private static final Logger log = LoggerFactory.getLogger(KubernetesCalicoClient.class);

    /** Per request: a LIST of every pod of a large cluster must fit. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    /** Why a Kubernetes NetworkPolicy ({@code knp.default.*}) cannot be written through Calico (Calico's words). */
    public static final String KNP_REASON = "kubernetes network policies must be managed through the kubernetes API";
    private static final String NO_CRDS = " resources need Calico's CRDs, which the Kubernetes datastore of Calico/J"
            + " does not have";

    private static final Comparator<Resource> BY_NAMESPACE_THEN_NAME = Comparator
            .comparing((Resource r) -> r.metadata().namespace())
            .thenComparing(r -> r.metadata().name());

    private final KubeHttpClient http;
    private final KubeKind<KubePod> pods;

    /** A client reading through {@code http}. */
    public KubernetesCalicoClient(KubeHttpClient http, String interfacePrefix) {
        this.http = Objects.requireNonNull(http, "http");
        this.pods = KubeKind.pods(interfacePrefix);
    }

    /**
     * A client with its own connection.
     *
     * @param userAgent e.g. {@code calicoctl/<version>}
     * @throws io.calicoj.datastore.config.ConfigException when the connection's URL or TLS material cannot be used
     */
    public static KubernetesCalicoClient create(KubeConnection connection, String interfacePrefix, String userAgent) {
        return new KubernetesCalicoClient(KubeHttpClient.create(connection, userAgent, REQUEST_TIMEOUT), interfacePrefix);
    }

    /**
     * A client for a loaded configuration: kubeconfig, {@code K8S_*} overrides, or the pod's service account.
     *
     * @throws io.calicoj.datastore.config.ConfigException when the configuration is not the Kubernetes datastore's or cannot be used
     */
    public static KubernetesCalicoClient create(DatastoreConfig config, InClusterEnvironment inCluster, String interfacePrefix,
                                                String userAgent) {
        return create(KubeConnections.of(config, inCluster), interfacePrefix, userAgent);
    }

    @Override
    public List<Resource> list(ResourceKind kind, String namespace) throws DatastoreException {
        Objects.requireNonNull(namespace, "namespace");
        List<Resource> out = switch (kind) {
            case WORKLOAD_ENDPOINT -> listOf(pods, namespace);
            case PROFILE -> listOf(KubeKind.namespaces(), "");
            case NETWORK_POLICY -> listOf(KubeKind.networkPolicies(), namespace);
            case NODE -> listOf(KubeKind.nodes(), "");
            case GLOBAL_NETWORK_POLICY, HOST_ENDPOINT, IP_POOL, FELIX_CONFIGURATION -> new ArrayList<>();
        };
        out.sort(BY_NAMESPACE_THEN_NAME);
        return out;
    }

    @Override
    public Resource get(ResourceKey key) throws DatastoreException {
        Objects.requireNonNull(key, "key");
        Optional<Resource> found = switch (key.kind()) {
            case WORKLOAD_ENDPOINT -> {
                Optional<String> pod = podName(key.name());
                yield pod.isEmpty() ? Optional.empty() : getOne(pods, key, key.namespace(), pod.get());
            }
            case PROFILE -> key.name().startsWith(NamespaceConverter.PROFILE_PREFIX)
                    ? getOne(KubeKind.namespaces(), key, "", key.name().substring(NamespaceConverter.PROFILE_PREFIX.length()))
                    : Optional.empty();
            case NETWORK_POLICY -> key.name().startsWith(NetworkPolicyConverter.NAME_PREFIX)
                    ? getOne(KubeKind.networkPolicies(), key, key.namespace(),
                    key.name().substring(NetworkPolicyConverter.NAME_PREFIX.length()))
                    : Optional.empty();
            case NODE -> getOne(KubeKind.nodes(), key, "", key.name());
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

    /** Stops the HTTP client's threads, so that the process exits at once. */
    @Override
    public void close() {
        http.close();
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
    public static Optional<String> podName(String workloadEndpointName) {
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

    private <S> List<Resource> listOf(KubeKind<S> kind, String namespace) throws DatastoreException {
        if (!namespace.isEmpty() && !KubeHttpClient.isName(namespace)) {
            return new ArrayList<>(); // No namespace can have that name.
        }
        List<JsonNode> items;
        try {
            items = http.list(kind.path(namespace, ""));
        } catch (KubeApiException e) {
            throw failure(e, null);
        }
        List<Resource> out = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            Conversion c = kind.convert(kind.fromTree(item));
            if (c instanceof Conversion.Converted converted) {
                out.add(converted.resource());
            } else if (c instanceof Conversion.Invalid invalid) {
                log.warn("Leaving out {}: {}", invalid.key(), invalid.problem());
            }
        }
        return out;
    }

    private <S> Optional<Resource> getOne(KubeKind<S> kind, ResourceKey key, String namespace, String name)
            throws DatastoreException {
        if (!KubeHttpClient.isName(name) || (!namespace.isEmpty() && !KubeHttpClient.isName(namespace))) {
            return Optional.empty(); // No object can have that name.
        }
        Optional<JsonNode> object;
        try {
            object = http.get(kind.path(namespace, name));
        } catch (KubeApiException e) {
            throw failure(e, key);
        }
        if (object.isEmpty()) {
            return Optional.empty();
        }
        Conversion c = kind.convert(kind.fromTree(object.get()));
        if (c instanceof Conversion.Converted converted) {
            // A pod on another node has another endpoint name.
            return converted.resource().key().equals(key) ? Optional.of(converted.resource()) : Optional.empty();
        }
        if (c instanceof Conversion.Invalid invalid && invalid.key().equals(key)) {
            throw new DatastoreException.DatastoreError(invalid.problem(), null);
        }
        return Optional.empty();
    }

    /** Calico's error kind for a failed request (about {@code key}, or a list when {@code null}). */
    static DatastoreException failure(KubeApiException e, ResourceKey key) {
        if (e.isUnauthorized()) {
            return new DatastoreException.ConnectionUnauthorized(e.getMessage(), null);
        }
        if (key != null && e.status() == 404) {
            return new DatastoreException.ResourceDoesNotExist(key);
        }
        if (key != null && e.status() == 409) {
            return new DatastoreException.UpdateConflict(key, e.getMessage());
        }
        return new DatastoreException.DatastoreError(e.getMessage(), null);
    }
}
