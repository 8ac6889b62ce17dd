package io.calicoj.cli.commands;

import io.calicoj.cli.CliContext;
import io.calicoj.cli.UnsupportedDatastoreException;
import io.calicoj.cli.codec.ResourceFileException;
import io.calicoj.cli.codec.ResourceFileReader;
import io.calicoj.datastore.client.CalicoClient;
import io.calicoj.datastore.client.DatastoreException;
import io.calicoj.datastore.config.ConfigException;
import io.calicoj.datastore.config.DatastoreConfig;
import io.calicoj.datastore.config.DatastoreConfigLoader;
import io.calicoj.model.Resource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** What the datastore commands share: opening the client and reading {@code -f} files. */
final class Datastore {

    private Datastore() {
    }

    /** calicoctl's rule: the {@code -c} file when it exists, otherwise the environment. */
    static CalicoClient open(CliContext context, DatastoreOptions options) {
        try {
            DatastoreConfig config = DatastoreConfigLoader.forCalicoctl(options.config, context.env());
            return context.clients().open(config);
        } catch (ConfigException | UnsupportedDatastoreException | DatastoreException e) {
            throw new CommandFailure("Failed to create Calico API client: " + e.getMessage());
        }
    }

    /**
     * Reads and validates every resource of {@code -f FILE} (or {@code -} for standard input)
     * before anything is written.
     */
    static List<Resource> readFile(CliContext context, String file, String namespace) {
        String text;
        String source = file.equals("-") ? "stdin" : file;
        try {
            text = file.equals("-") ? new String(context.stdin().readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CommandFailure("Failed to execute command: open " + file + ": no such file or directory");
        } catch (IOException e) {
            throw new CommandFailure("Failed to execute command: cannot read " + source + ": " + e.getMessage());
        }
        try {
            return ResourceFileReader.read(source, text, namespace);
        } catch (ResourceFileException e) {
            throw new CommandFailure("Failed to execute command: " + e.getMessage());
        }
    }
}
