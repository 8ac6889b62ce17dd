package io.calicoj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.datastore.client.CalicoClient;
import io.calicoj.datastore.client.DatastoreException;
import io.calicoj.datastore.config.DatastoreConfig;
import io.calicoj.datastore.config.DatastoreConfigLoader;
import io.calicoj.model.Resource;
import io.calicoj.model.ResourceKey;
import io.calicoj.model.ResourceKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client opened ahead (while picocli reads the command line) is used only for the configuration it was opened for. */
class DatastoreClientsTest {

    private static final Map<String, String> ENV = Map.of("DATASTORE_TYPE", "kubernetes", "K8S_API_ENDPOINT", "https://10.0.0.1:6443");

    @TempDir
    Path dir;

    /** Records which configurations clients were opened for, and which clients were closed. */
    private final List<DatastoreConfig> opened = new CopyOnWriteArrayList<>();
    private final List<CalicoClient> closed = new CopyOnWriteArrayList<>();

    private CalicoClient open(DatastoreConfig config) {
        opened.add(config);
        return new Stub();
    }

    /** A client that only knows whether it was closed. */
    private final class Stub implements CalicoClient {
        @Override
        public List<Resource> list(ResourceKind kind, String namespace) {
            return List.of();
        }

        @Override
        public Resource get(ResourceKey key) throws DatastoreException {
            throw new DatastoreException.ResourceDoesNotExist(key);
        }

        @Override
        public Resource create(Resource resource) {
            return resource;
        }

        @Override
        public Resource replace(Resource resource) {
            return resource;
        }

        @Override
        public Resource apply(Resource resource) {
            return resource;
        }

        @Override
        public Resource delete(ResourceKey key) throws DatastoreException {
            throw new DatastoreException.ResourceDoesNotExist(key);
        }

        @Override
        public void close() {
            closed.add(this);
        }
    }

    @Test
    void theClientOpenedAheadIsTheOneTheCommandGetsForTheSameConfiguration() throws Exception {
        Path absent = dir.resolve("absent.cfg");
        DatastoreClients clients = new DatastoreClients(ENV, this::open);

        clients.openAhead(new String[] {"-l", "debug", "get", "wep", "-c", absent.toString()});
        CalicoClient got = clients.open(DatastoreConfigLoader.forCalicoctl(absent, ENV));
        clients.close();

        assertThat(opened).containsExactly(DatastoreConfigLoader.fromEnvironment(ENV));
        assertThat(closed).isEmpty();
        assertThat(clients.open(DatastoreConfigLoader.fromEnvironment(ENV))).as("a second open opens anew").isNotSameAs(got);
    }

    @Test
    void aClientOpenedAheadForAnotherConfigurationIsClosedAndNotUsed() throws Exception {
        Path cfg = Files.writeString(dir.resolve("calicoctl.cfg"), "apiVersion: projectcalico.org/v3\nkind: CalicoAPIConfig\n"
                + "spec:\n  datastoreType: kubernetes\n  k8sAPIEndpoint: https://10.9.9.9:6443\n");
        DatastoreClients clients = new DatastoreClients(ENV, this::open);

        clients.openAhead(new String[] {"get", "nodes", "--config=" + cfg});
        DatastoreConfig fromEnvironment = DatastoreConfigLoader.fromEnvironment(ENV);
        clients.open(fromEnvironment);

        assertThat(opened).containsExactly(DatastoreConfigLoader.fromFile(cfg), fromEnvironment);
        assertThat(closed).hasSize(1);
    }

    @Test
    void aClientNoCommandTookIsClosed() {
        DatastoreClients clients = new DatastoreClients(ENV, this::open);
        clients.openAhead(new String[] {"get", "nodes", "-c", dir.resolve("absent.cfg").toString()});

        clients.close();

        assertThat(opened).hasSize(1);
        assertThat(closed).hasSize(1);
    }

    @Test
    void onlyDatastoreCommandsOpenAhead() {
        DatastoreClients clients = new DatastoreClients(ENV, this::open);
        clients.openAhead(new String[] {"version"});
        clients.openAhead(new String[] {"--help"});
        clients.openAhead(new String[] {"completion", "bash"});
        clients.close();

        assertThat(opened).isEmpty();
    }

    @Test
    void commandAndConfigFileAreFoundAsPicocliReadsThem() {
        assertThat(DatastoreClients.command(new String[] {"-l", "info", "apply", "-f", "x"})).isEqualTo("apply");
        assertThat(DatastoreClients.command(new String[] {"--log-level", "get", "version"})).isEqualTo("version");
        assertThat(DatastoreClients.command(new String[] {"--help"})).isEmpty();
        assertThat(DatastoreClients.configFile(new String[] {"get", "wep", "-c", "/a.cfg"})).isEqualTo(Path.of("/a.cfg"));
        assertThat(DatastoreClients.configFile(new String[] {"get", "wep", "--config", "/b.cfg"})).isEqualTo(Path.of("/b.cfg"));
        assertThat(DatastoreClients.configFile(new String[] {"get", "wep", "--config=/c.cfg"})).isEqualTo(Path.of("/c.cfg"));
        assertThat(DatastoreClients.configFile(new String[] {"get", "wep", "-c=/d.cfg"})).isEqualTo(Path.of("/d.cfg"));
        assertThat(DatastoreClients.configFile(new String[] {"get", "wep"})).isEqualTo(DatastoreConfigLoader.DEFAULT_CALICOCTL_CONFIG);
    }
}
