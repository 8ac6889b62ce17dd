package io.calicoj.cli.commands;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code calicoctl apply -f FILE [-n NS] [-c CONFIG]}: every document is validated before the first write. */
@Command(name = "apply", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = {"Apply a resource by file or stdin.",
            "This creates a resource if it does not exist, and replaces a resource if it does exist."})
public final class ApplyCommand implements Callable<Integer> {

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
                WriteAction.APPLY, e -> false);
    }
}
