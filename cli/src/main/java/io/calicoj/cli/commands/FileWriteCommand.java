package io.calicoj.cli.commands;

import io.calicoj.datastore.client.DatastoreException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * create, apply and replace: {@code -f FILE [-n NS] [-c CONFIG]}. Every document is read and
 * validated before the first write.
 */
abstract class FileWriteCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Mixin
    DatastoreOptions datastore;

    @Mixin
    NamespaceOption namespace;

    @Option(names = {"-f", "--filename"}, paramLabel = "<FILENAME>", required = true,
            description = "Filename to use for the resource(s). If set to \"-\" loads from stdin.")
    String file;

    abstract WriteAction action();

    /** Failures that count as success. */
    boolean skipped(DatastoreException e) {
        return false;
    }

    @Override
    public Integer call() {
        return Writes.run(root.context(), datastore,
                Writes.Target.of(Datastore.readFile(root.context(), file, namespace.namespace)), action(), this::skipped);
    }
}
