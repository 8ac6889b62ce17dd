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
import picocli.CommandLine.Parameters;
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
    Target target;

    static final class Target {
        @Option(names = {"-f", "--filename"}, paramLabel = "<FILENAME>", required = true,
                description = "Filename to use to delete the resource. If set to \"-\" loads from stdin.")
        String file;

        @ArgGroup(exclusive = false, multiplicity = "1")
        Named named;
    }

    static final class Named {
        @Parameters(index = "0", paramLabel = "<KIND>", completionCandidates = KindNames.class,
                description = "The resource type.")
        String kind;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "<NAME>", description = "The name of the resource(s).")
        List<String> names = new ArrayList<>();
    }

    @Option(names = {"-n", "--namespace"}, paramLabel = "<NS>",
            description = "Namespace of the resource. Only applicable to NetworkPolicy and WorkloadEndpoint."
                    + " Uses the default namespace if not specified.")
    String namespace = "";

    @Option(names = {"-s", "--skip-not-exists"},
            description = "Skip over and treat as successful, resources that don't exist.")
    boolean skipNotExists;

    @Override
    public Integer call() {
        CliContext context = root.context();
        List<Writes.Target> resources = target.file != null
                ? Writes.Target.of(Datastore.readFile(context, target.file, namespace)) : named();
        return Writes.run(context, datastore, resources, WriteAction.DELETE,
                e -> skipNotExists && e instanceof DatastoreException.ResourceDoesNotExist);
    }

    /** Keys only: a delete needs nothing else. */
    private List<Writes.Target> named() {
        KindInfo kind = ResourceKinds.byName(target.named.kind).orElseThrow(() -> new CommandFailure(
                "resource type '" + target.named.kind + "' is not supported"));
        if (!kind.namespaced() && !namespace.isEmpty()) {
            throw new CommandFailure(kind.kind().kindName() + " is not namespaced");
        }
        List<Writes.Target> out = new ArrayList<>();
        for (String name : target.named.names) {
            if (name.isEmpty()) {
                throw new CommandFailure("resource name may not be empty");
            }
            String ns = kind.namespaced() ? (namespace.isEmpty() ? "default" : namespace) : "";
            out.add(Writes.Target.key(new ResourceKey(kind.kind(), ns, name)));
        }
        return out;
    }
}
