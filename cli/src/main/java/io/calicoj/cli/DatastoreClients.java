package io.calicoj.cli;

import io.calicoj.datastore.client.CalicoClient;
import io.calicoj.datastore.client.DatastoreException;
import io.calicoj.datastore.config.DatastoreConfig;
import io.calicoj.datastore.config.DatastoreConfigLoader;
import io.calicoj.datastore.config.DatastoreType;
import io.calicoj.kube.client.KubernetesCalicoClient;
import io.calicoj.kube.connection.InClusterEnvironment;
import io.calicoj.kube.connection.UserAgent;
import io.calicoj.model.k8s.VethNames;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Function;

/**
 * The real datastores: the one place calicoctl picks a {@link CalicoClient} implementation.
 * {@code DATASTORE_TYPE=kubernetes} connects as Calico does (kubeconfig, {@code K8S_*} settings,
 * or the pod's service account); workload endpoints' interface names use
 * {@code FELIX_INTERFACEPREFIX} as Felix does; requests say {@code User-Agent: calicoctl/<version>}.
 * The client is the lean, read-only one (the JDK's HTTP client and Jackson trees: no fabric8 is
 * loaded). {@code etcdv2} is refused with a clear message instead of failing obscurely.
 *
 * <p>{@link #openAhead} lets a run open its client on a second thread while picocli reads the
 * command line (each takes about a third of a run): {@link #open} then uses that client if it was
 * opened for the very configuration asked for, and opens another one otherwise.
 */
public final class DatastoreClients implements ClientFactory, AutoCloseable {

    static final String USER_AGENT = UserAgent.of("calicoctl", DatastoreClients.class);

    private static final Set<String> DATASTORE_COMMANDS = Set.of("get", "create", "apply", "replace", "delete");

    private final Map<String, String> env;
    private final Function<DatastoreConfig, CalicoClient> kubernetes;
    private FutureTask<Opened> ahead;

    /** A client opened ahead, and the configuration it was opened for. */
    private record Opened(DatastoreConfig config, CalicoClient client) {
    }

    /** @param env the process environment (service account, {@code FELIX_INTERFACEPREFIX}) */
    public DatastoreClients(Map<String, String> env) {
        this.env = Map.copyOf(env);
        this.kubernetes = config -> KubernetesCalicoClient.create(config, InClusterEnvironment.of(this.env),
                this.env.getOrDefault("FELIX_INTERFACEPREFIX", VethNames.DEFAULT_PREFIX), USER_AGENT);
    }

    /** With another way to open Kubernetes datastore clients (tests). */
    DatastoreClients(Map<String, String> env, Function<DatastoreConfig, CalicoClient> kubernetes) {
        this.env = Map.copyOf(env);
        this.kubernetes = kubernetes;
    }

    /**
     * Starts opening, on a daemon thread, the client that a command line most likely needs: for a
     * datastore command, the configuration of its {@code -c/--config} file (or the default one) or
     * the environment. Anything that goes wrong there is left for {@link #open} to find and report.
     */
    public synchronized void openAhead(String[] args) {
        if (ahead != null || !DATASTORE_COMMANDS.contains(command(args))) {
            return;
        }
        ahead = new FutureTask<>(() -> {
            DatastoreConfig config = DatastoreConfigLoader.forCalicoctl(configFile(args), env);
            return config.type() == DatastoreType.KUBERNETES ? new Opened(config, kubernetes.apply(config)) : null;
        });
        Thread t = new Thread(ahead, "calicoctl-connect");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public CalicoClient open(DatastoreConfig config) throws DatastoreException {
        Opened opened = takeAhead();
        if (opened != null) {
            if (opened.config().equals(config)) {
                return opened.client();
            }
            opened.client().close();
        }
        switch (config.type()) {
            case KUBERNETES:
                return kubernetes.apply(config);
            case ETCDV2:
                throw new UnsupportedDatastoreException("etcdv2 datastore is not supported by this build"
                        + " (configured by " + config.source() + "); use DATASTORE_TYPE=kubernetes");
            default:
                throw new UnsupportedDatastoreException(config.type() + " datastore is not supported by this build");
        }
    }

    /** Closes a client opened ahead that no command took (so that its threads do not delay the exit). */
    @Override
    public void close() {
        Opened opened = takeAhead();
        if (opened != null) {
            opened.client().close();
        }
    }

    /** The client opened ahead, once; {@code null} when none was, or opening it failed. */
    private synchronized Opened takeAhead() {
        FutureTask<Opened> task = ahead;
        ahead = null;
        if (task == null) {
            return null;
        }
        try {
            return task.get();
        } catch (ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The command word: the first argument that is not an option (skipping {@code -l/--log-level}'s value). */
    static String command(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("-l") || args[i].equals("--log-level")) {
                i++;
            } else if (!args[i].startsWith("-")) {
                return args[i];
            }
        }
        return "";
    }

    /** The {@code -c/--config} file a command line names, else calicoctl's default. */
    static Path configFile(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if ((a.equals("-c") || a.equals("--config")) && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (a.startsWith("--config=")) {
                return Path.of(a.substring("--config=".length()));
            }
            if (a.startsWith("-c=")) {
                return Path.of(a.substring("-c=".length()));
            }
        }
        return DatastoreConfigLoader.DEFAULT_CALICOCTL_CONFIG;
    }
}
