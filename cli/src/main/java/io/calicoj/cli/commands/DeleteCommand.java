package io.calicoj.cli.commands;

import io.calicoj.cli.CliContext;
import io.calicoj.cli.resource.KindInfo;
import io.calicoj.cli.resource.ResourceKinds;
import io.calicoj.datastore.client.DatastoreException;
import io.calicoj.model.ResourceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code calicoctl delete (<KIND> <NAME>... | -f FILE) [--skip-not-exists] [-n NS] [-c CONFIG]}. */
@Command(name = "delete", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Delete a resource identified by file, stdin or resource type and name.")
public final class DeleteCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Mixin
    DatastoreOptions datastore;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Selection target;

    @Mixin
    NamespaceOption namespace;

    @Option(names = {"-s", "--skip-not-exists"},
            description = "Skip over and treat as successful, resources that don't exist.")
    boolean skipNotExists;

    @Override
    public Integer call() {
        CliContext context = root.context();
        List<Writes.Target> resources = target.file != null
                ? Writes.Target.of(Datastore.readFile(context, target.file, namespace.namespace)) : named();
        return Writes.run(context, datastore, resources, WriteAction.DELETE,
                e -> skipNotExists && e instanceof DatastoreException.ResourceDoesNotExist);
    }

    /** Keys only: a delete needs nothing else. */
    private List<Writes.Target> named() {
        KindInfo kind = ResourceKinds.byName(target.named.kind).orElseThrow(() -> new CommandFailure(
                "resource type '" + target.named.kind + "' is not supported"));
        if (!kind.namespaced() && !namespace.namespace.isEmpty()) {
            throw new CommandFailure(kind.kind().kindName() + " is not namespaced");
        }
        if (target.named.names.isEmpty()) {
            throw new CommandFailure("resource name must be specified for delete (or use -f FILE)");
        }
        List<Writes.Target> out = new ArrayList<>();
        for (String name : target.named.names) {
            if (name.isEmpty()) {
                throw new CommandFailure("resource name may not be empty");
            }
            String ns = kind.namespaced() ? (namespace.namespace.isEmpty() ? "default" : namespace.namespace) : "";
            out.add(Writes.Target.key(new ResourceKey(kind.kind(), ns, name)));
        }
        return out;
    }
}
