package io.calicoj.cli;

import io.calicoj.datastore.UserAgent;
import io.calicoj.datastore.client.CalicoClient;
import io.calicoj.datastore.client.DatastoreException;
import io.calicoj.datastore.config.DatastoreConfig;
import io.calicoj.datastore.config.InClusterEnvironment;
import io.calicoj.datastore.kubeapi.KubernetesCalicoClient;
import io.calicoj.model.k8s.VethNames;
import java.util.Map;

/**
 * The real datastores: the one place calicoctl picks a {@link CalicoClient} implementation.
 * {@code DATASTORE_TYPE=kubernetes} connects as Calico does (kubeconfig, {@code K8S_*} settings,
 * or the pod's service account); workload endpoints' interface names use
 * {@code FELIX_INTERFACEPREFIX} as Felix does; requests say {@code User-Agent: calicoctl/<version>}.
 * The client is the lean, read-only one (the JDK's HTTP client and Jackson trees: no fabric8 is
 * loaded). {@code etcdv2} is refused with a clear message instead of failing obscurely.
 */
public final class DatastoreClients implements ClientFactory {

    static final String USER_AGENT = UserAgent.of("calicoctl", "calicoj-cli");

    private final Map<String, String> env;

    /** @param env the process environment (service account, {@code FELIX_INTERFACEPREFIX}) */
    public DatastoreClients(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public CalicoClient open(DatastoreConfig config) throws DatastoreException {
        switch (config.type()) {
            case KUBERNETES:
                return KubernetesCalicoClient.create(config, InClusterEnvironment.of(env),
                        env.getOrDefault("FELIX_INTERFACEPREFIX", VethNames.DEFAULT_PREFIX), USER_AGENT);
            case ETCDV2:
                throw new UnsupportedDatastoreException("etcdv2 datastore is not supported by this build"
                        + " (configured by " + config.source() + "); use DATASTORE_TYPE=kubernetes");
            default:
                throw new UnsupportedDatastoreException(config.type() + " datastore is not supported by this build");
        }
    }
}
