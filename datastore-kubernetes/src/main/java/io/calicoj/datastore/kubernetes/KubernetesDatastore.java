package io.calicoj.datastore.kubernetes;

import io.calicoj.datastore.config.DatastoreConfig;
import io.calicoj.kube.connection.InClusterEnvironment;
import io.calicoj.kube.connection.KubeConnections;

/**
 * The Kubernetes datastore's syncer from a loaded configuration ({@code DATASTORE_TYPE=kubernetes}).
 * Programs load the configuration with {@link io.calicoj.datastore.config.DatastoreConfigLoader}
 * and pass it here. (calicoctl's client needs no fabric8:
 * {@link io.calicoj.kube.client.KubernetesCalicoClient}.)
 */
public final class KubernetesDatastore {

    private KubernetesDatastore() {
    }

    /**
     * A syncer for the agent; Nodes are watched unless {@code K8S_DISABLE_NODE_POLL} is set.
     *
     * @param interfacePrefix {@code FELIX_INTERFACEPREFIX}
     */
    public static KubernetesSyncer syncer(DatastoreConfig config, InClusterEnvironment inCluster, String interfacePrefix) {
        return KubernetesSyncer.create(KubeConnections.of(config, inCluster), SyncerOptions.defaults(interfacePrefix)
                .withWatchNodes(!config.kubernetes().disableNodePoll()));
    }
}
