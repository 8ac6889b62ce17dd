package io.calicoj.cli;

import io.calicoj.datastore.KubeConnection;
import io.calicoj.datastore.client.CalicoClient;
import io.calicoj.datastore.client.DatastoreException;
import io.calicoj.datastore.config.DatastoreConfig;
import io.calicoj.datastore.config.InClusterEnvironment;
import io.calicoj.datastore.config.KubeConnections;
import java.util.Map;

/**
 * The real datastores: the one place calicoctl picks a {@link CalicoClient} implementation.
 * {@code DATASTORE_TYPE=kubernetes} connects as {@link KubeConnections#resolve} says (kubeconfig,
 * {@code K8S_*} settings, or the pod's service account); {@code etcdv2} is refused with a clear
 * message instead of failing obscurely.
 */
public final class DatastoreClients implements ClientFactory {

    private final Map<String, String> env;

    /** @param env the process environment (for the in-cluster service account) */
    public DatastoreClients(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public CalicoClient open(DatastoreConfig config) throws DatastoreException {
        switch (config.type()) {
            case KUBERNETES:
                KubeConnection connection = KubeConnections.resolve(config.kubernetes(), InClusterEnvironment.of(env));
                return kubernetes(connection);
            case ETCDV2:
                throw new UnsupportedDatastoreException("etcdv2 datastore is not supported by this build"
                        + " (configured by " + config.source() + "); use DATASTORE_TYPE=kubernetes");
            default:
                throw new UnsupportedDatastoreException(config.type() + " datastore is not supported by this build");
        }
    }

    private static CalicoClient kubernetes(KubeConnection connection) {
        // PENDING: the Kubernetes CalicoClient is being written on the `datastore` branch.
        throw new UnsupportedDatastoreException("the Kubernetes datastore client is not part of this build yet"
                + " (API server " + connection.server() + ")");
    }
}
