package io.calicoj.cli.commands;

import io.calicoj.datastore.config.DatastoreConfigLoader;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code -c/--config}: shared by every command that talks to the datastore. */
public final class DatastoreOptions {

    @Option(names = {"-c", "--config"}, paramLabel = "<config>",
            defaultValue = "/etc/calico/calicoctl.cfg",
            description = "Path to the file containing connection configuration in YAML or JSON format."
                    + " If the file does not exist, the environment is used (DATASTORE_TYPE, KUBECONFIG,"
                    + " K8S_API_ENDPOINT, K8S_TOKEN, ...). [default: ${DEFAULT-VALUE}]")
    Path config = DatastoreConfigLoader.DEFAULT_CALICOCTL_CONFIG;
}
