package io.calicoj.cli.commands;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code calicoctl replace -f FILE [-n NS] [-c CONFIG]}: every document is validated before the first write. */
@Command(name = "replace", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Replace a resource by file or stdin.")
public final class ReplaceCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Mixin
    DatastoreOptions datastore;

    @Mixin
    FileOptions file;

    @Override
    public Integer call() {
        return Writes.run(root.context(), datastore,
                Writes.Target.of(Datastore.readFile(root.context(), file.file, file.namespace)),
                WriteAction.REPLACE, e -> false);
    }
}
