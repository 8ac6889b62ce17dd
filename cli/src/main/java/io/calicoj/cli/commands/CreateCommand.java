package io.calicoj.cli.commands;

import io.calicoj.datastore.client.DatastoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code calicoctl create -f FILE [--skip-exists] [-n NS] [-c CONFIG]}. */
@Command(name = "create", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Create a resource by file or stdin.")
public final class CreateCommand extends FileWriteCommand {

    @Option(names = "--skip-exists",
            description = "Skip over and treat as successful any attempts to create an entry that already exists.")
    boolean skipExists;

    @Override
    WriteAction action() {
        return WriteAction.CREATE;
    }

    @Override
    boolean skipped(DatastoreException e) {
        return skipExists && e instanceof DatastoreException.ResourceAlreadyExists;
    }
}
