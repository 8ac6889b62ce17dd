package io.calicoj.cli;

import io.calicoj.datastore.client.CalicoClient;
import io.calicoj.datastore.client.DatastoreException;
import io.calicoj.model.Resource;
import io.calicoj.model.ResourceKey;
import io.calicoj.model.ResourceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An in-memory datastore with the Kubernetes datastore's rules for Kubernetes-derived objects
 * (and their reasons, as {@code KubernetesCalicoClient} gives them), which, unlike Calico/J's
 * Kubernetes datastore, also stores Calico's own kinds (as Calico's CRDs would), so calicoctl's
 * create/replace/delete paths can be tested:
 * <ul>
 * <li>objects derived from Kubernetes (NetworkPolicies {@code knp.default.*}, Profiles
 *     {@code kns.*}/{@code ksa.*}, WorkloadEndpoints, Nodes) are read-only: every write throws
 *     {@link DatastoreException.OperationNotSupported} with the reason, and changes nothing;</li>
 * <li>create of an existing key throws {@code ResourceAlreadyExists}; get, replace and delete of an
 *     absent key throw {@code ResourceDoesNotExist};</li>
 * <li>a replace or apply that carries a resourceVersion other than the stored one throws {@code UpdateConflict}.</li>
 * </ul>
 * Tests put Kubernetes-derived objects in with {@link #seed}, as Kubernetes would. {@link #writes}
 * counts the write calls that reached the store (accepted or refused).
 */
public final class FakeCalicoClient implements CalicoClient {

    private final Map<ResourceKey, Resource> store = new TreeMap<>();
    private int revision = 100;
    private int writes;
    private boolean closed;

    /** Puts resources in as the datastore itself would (no rules), with a resourceVersion. */
    public FakeCalicoClient seed(Resource... resources) {
        for (Resource r : resources) {
            store.put(r.key(), r.metadata().resourceVersion().isEmpty() ? withVersion(r) : r);
        }
        return this;
    }

    public Map<ResourceKey, Resource> snapshot() {
        return Map.copyOf(store);
    }

    public Optional<Resource> find(ResourceKey key) {
        return Optional.ofNullable(store.get(key));
    }

    /** Called for each calicoctl run: the run closes it at its end. */
    public FakeCalicoClient open() {
        closed = false;
        return this;
    }

    public int writes() {
        return writes;
    }

    public boolean closed() {
        return closed;
    }

    /** Why Kubernetes owns this object, or empty when Calico's API may write it. */
    static Optional<String> kubernetesOwned(ResourceKey key) {
        switch (key.kind()) {
            case NETWORK_POLICY:
                return key.name().startsWith("knp.default.")
                        ? Optional.of("kubernetes network policies must be managed through the kubernetes API")
                        : Optional.empty();
            case PROFILE:
                return key.name().startsWith("kns.") || key.name().startsWith("ksa.")
                        ? Optional.of("profiles are derived from namespaces and are read-only in the Kubernetes datastore")
                        : Optional.empty();
            case WORKLOAD_ENDPOINT:
                return Optional.of("workload endpoints are derived from pods and are read-only in the Kubernetes datastore");
            case NODE:
                return Optional.of("nodes are derived from Kubernetes nodes and are read-only in the Kubernetes datastore");
            default:
                return Optional.empty();
        }
    }

    @Override
    public List<Resource> list(ResourceKind kind, String namespace) {
        List<Resource> out = new ArrayList<>();
        for (Resource r : store.values()) {
            if (r.kind() == kind && (namespace.isEmpty() || !kind.namespaced() || r.metadata().namespace().equals(namespace))) {
                out.add(r);
            }
        }
        return out;
    }

    @Override
    public Resource get(ResourceKey key) throws DatastoreException {
        Resource r = store.get(key);
        if (r == null) {
            throw new DatastoreException.ResourceDoesNotExist(key);
        }
        return r;
    }

    @Override
    public Resource create(Resource resource) throws DatastoreException {
        write("Create", resource.key());
        if (store.containsKey(resource.key())) {
            throw new DatastoreException.ResourceAlreadyExists(resource.key());
        }
        Resource stored = withVersion(resource);
        store.put(resource.key(), stored);
        return stored;
    }

    @Override
    public Resource replace(Resource resource) throws DatastoreException {
        write("Update", resource.key());
        Resource old = get(resource.key());
        checkVersion(old, resource);
        Resource stored = withVersion(resource);
        store.put(resource.key(), stored);
        return stored;
    }

    @Override
    public Resource apply(Resource resource) throws DatastoreException {
        write("Apply", resource.key());
        Resource old = store.get(resource.key());
        if (old != null) {
            checkVersion(old, resource);
        }
        Resource stored = withVersion(resource);
        store.put(resource.key(), stored);
        return stored;
    }

    @Override
    public Resource delete(ResourceKey key) throws DatastoreException {
        write("Delete", key);
        Resource old = store.remove(key);
        if (old == null) {
            throw new DatastoreException.ResourceDoesNotExist(key);
        }
        return old;
    }

    @Override
    public void close() {
        closed = true;
    }

    private void write(String operation, ResourceKey key) throws DatastoreException {
        if (closed) {
            throw new IllegalStateException("client used after close");
        }
        writes++;
        Optional<String> owner = kubernetesOwned(key);
        if (owner.isPresent()) {
            throw new DatastoreException.OperationNotSupported(operation, key, owner.get());
        }
    }

    private static void checkVersion(Resource old, Resource update) throws DatastoreException {
        String rv = update.metadata().resourceVersion();
        if (!rv.isEmpty() && !rv.equals(old.metadata().resourceVersion())) {
            throw new DatastoreException.UpdateConflict(update.key(), "Resource version '" + rv
                    + "' is out of date (latest: " + old.metadata().resourceVersion()
                    + "). Update the resource YAML/JSON in order to make changes.");
        }
    }

    private Resource withVersion(Resource r) {
        return Resources.withMetadata(r, r.metadata().withResourceVersion(Integer.toString(++revision)));
    }
}
