package io.calicoj.datastore.kubernetes;

import io.calicoj.datastore.KubeConnection;
import io.calicoj.datastore.config.ConfigException;
import io.calicoj.datastore.config.DatastoreConfig;
import io.calicoj.datastore.config.DatastoreType;
import io.calicoj.datastore.config.InClusterEnvironment;
import io.calicoj.datastore.config.KubeConnections;

/**
 * The Kubernetes datastore from a loaded configuration ({@code DATASTORE_TYPE=kubernetes}): the
 * syncer for calico-felix, the client for calicoctl. Programs load the configuration with
 * {@link io.calicoj.datastore.config.DatastoreConfigLoader} and pass it here.
 */
public final class KubernetesDatastore {

    private KubernetesDatastore() {
    }

    /** Where and how to connect: kubeconfig, {@code K8S_*} overrides, or the pod's service account. */
    public static KubeConnection connection(DatastoreConfig config, InClusterEnvironment inCluster) {
        if (config.type() != DatastoreType.KUBERNETES) {
            throw new ConfigException("DATASTORE_TYPE is " + config.type() + " (from " + config.source()
                    + "), not kubernetes");
        }
        return KubeConnections.resolve(config.kubernetes(), inCluster);
    }

    /**
     * A syncer for the agent; Nodes are watched unless {@code K8S_DISABLE_NODE_POLL} is set.
     *
     * @param interfacePrefix {@code FELIX_INTERFACEPREFIX}
     */
    public static KubernetesSyncer syncer(DatastoreConfig config, InClusterEnvironment inCluster, String interfacePrefix) {
        return KubernetesSyncer.create(connection(config, inCluster), SyncerOptions.defaults(interfacePrefix)
                .withWatchNodes(!config.kubernetes().disableNodePoll()));
    }

    /** A client for calicoctl. */
    public static KubernetesCalicoClient client(DatastoreConfig config, InClusterEnvironment inCluster,
                                                String interfacePrefix) {
        return KubernetesCalicoClient.create(connection(config, inCluster), interfacePrefix);
    }
}
