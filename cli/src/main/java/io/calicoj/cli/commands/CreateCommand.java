package io.calicoj.cli.commands;

import io.calicoj.datastore.client.DatastoreException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code calicoctl create -f FILE [-n NS] [-c CONFIG]}: every document is validated before the first write. */
@Command(name = "create", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Create a resource by file or stdin.")
public final class CreateCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Mixin
    DatastoreOptions datastore;

    @Mixin
    FileOptions file;

    @Option(names = "--skip-exists",
            description = "Skip over and treat as successful any attempts to create an entry that already exists.")
    boolean skipExists;

    @Override
    public Integer call() {
        return Writes.run(root.context(), datastore,
                Writes.Target.of(Datastore.readFile(root.context(), file.file, file.namespace)),
                WriteAction.CREATE, e -> skipExists && e instanceof DatastoreException.ResourceAlreadyExists);
    }
}
