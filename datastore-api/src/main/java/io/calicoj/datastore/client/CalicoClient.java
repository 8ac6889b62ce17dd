package io.calicoj.datastore.client;

import io.calicoj.model.Resource;
import io.calicoj.model.ResourceKey;
import io.calicoj.model.ResourceKind;
import java.util.List;

/**
 * Calico v3 resources in a datastore, as calicoctl reads and writes them. A datastore that
 * cannot do an operation on a kind (in the Kubernetes datastore, every write of a
 * Kubernetes-derived object) throws {@link DatastoreException.OperationNotSupported} and changes
 * nothing: it never reports success without doing the work.
 */
public interface CalicoClient extends AutoCloseable {

    /**
     * All resources of a kind, sorted by namespace then name.
     *
     * @param namespace for namespaced kinds, the namespace, or {@code ""} for all namespaces; ignored otherwise
     */
    List<Resource> list(ResourceKind kind, String namespace) throws DatastoreException;

    /** @throws DatastoreException.ResourceDoesNotExist when absent */
    Resource get(ResourceKey key) throws DatastoreException;

    /** @throws DatastoreException.ResourceAlreadyExists when present */
    Resource create(Resource resource) throws DatastoreException;

    /** Replaces an existing resource. @throws DatastoreException.ResourceDoesNotExist when absent */
    Resource replace(Resource resource) throws DatastoreException;

    /** Creates or replaces. */
    Resource apply(Resource resource) throws DatastoreException;

    /** @return the deleted resource. @throws DatastoreException.ResourceDoesNotExist when absent */
    Resource delete(ResourceKey key) throws DatastoreException;

    @Override
    void close();
}
