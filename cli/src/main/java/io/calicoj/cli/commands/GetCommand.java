package io.calicoj.cli.commands;

import io.calicoj.cli.CliContext;
import io.calicoj.cli.output.OutputFormat;
import io.calicoj.cli.output.Printed;
import io.calicoj.cli.output.ResourcePrinter;
import io.calicoj.cli.resource.KindInfo;
import io.calicoj.cli.resource.ResourceKinds;
import io.calicoj.datastore.client.CalicoClient;
import io.calicoj.datastore.client.DatastoreException;
import io.calicoj.model.Resource;
import io.calicoj.model.ResourceKey;
import io.calicoj.model.ResourceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code calicoctl get (<KIND> [<NAME>...] | -f FILE) [-o FORMAT] [-n NS | -A] [-c CONFIG]}.
 *
 * <p>Namespaced kinds are read from namespace {@code default} unless {@code -n} or {@code -A} says
 * otherwise, except that listing workload endpoints without either shows every namespace, as on
 * Calico's install page ({@code calicoctl get workloadendpoints}); the WORKLOAD column names the
 * namespace there.
 */
@Command(name = "get", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = {"Display one or many resources identified by file, stdin or resource type and name.",
            "",
            "Valid resource types are: workloadendpoint (wep), networkpolicy (policy, np), globalnetworkpolicy (gnp),"
                    + " profile (pro), node (no), hostendpoint (hep), ippool (pool), felixconfiguration."})
public final class GetCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Mixin
    DatastoreOptions datastore;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Selection target;

    @Option(names = {"-o", "--output"}, paramLabel = "<OUTPUT FORMAT>", defaultValue = "ps",
            description = "Output format. One of: yaml, json, ps, wide, custom-columns=<COL>[,<COL>...]."
                    + " [default: ${DEFAULT-VALUE}]")
    String output;

    @Mixin
    NamespaceOption namespaceOption;

    @Option(names = {"-A", "-a", "--all-namespaces"},
            description = "If present, list the requested object(s) across all namespaces.")
    boolean allNamespaces;

    @Override
    public Integer call() {
        CliContext context = root.context();
        String namespace = namespaceOption.namespace;
        OutputFormat format;
        try {
            format = OutputFormat.parse(output);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage());
        }
        if (!namespace.isEmpty() && allNamespaces) {
            throw new CommandFailure("cannot use both --namespace and --all-namespaces flags at the same time");
        }
        Request request = target.file != null ? fromFile(context) : fromArguments();
        List<Printed> results = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        try (CalicoClient client = Datastore.open(context, datastore)) {
            if (request.listNamespace != null) {
                try {
                    results.add(Printed.list(request.kind, client.list(request.kind.kind(), request.listNamespace)));
                } catch (DatastoreException e) {
                    throw new CommandFailure("Failed to get resources: " + e.getMessage());
                }
            }
            for (ResourceKey key : request.keys) {
                try {
                    results.add(Printed.single(ResourceKinds.of(key.kind()), client.get(key)));
                } catch (DatastoreException e) {
                    errors.add(e.getMessage());
                }
            }
        }
        boolean printNamespace = !namespace.isEmpty() || allNamespaces;
        if (!results.isEmpty()) {
            try {
                context.out().print(ResourcePrinter.print(results, format, printNamespace));
            } catch (IllegalArgumentException e) {
                throw new CommandFailure(e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new CommandFailure((results.isEmpty() ? "Failed to get resources: " : "") + String.join("\n", errors));
        }
        return 0;
    }

    /** What to read: a listing (namespace, {@code ""} for all) and/or resources by key. */
    private record Request(KindInfo kind, String listNamespace, List<ResourceKey> keys) {
    }

    private Request fromArguments() {
        String namespace = namespaceOption.namespace;
        KindInfo kind = ResourceKinds.byName(target.named.kind).orElseThrow(() -> new CommandFailure(
                "Failed to get resources: resource type '" + target.named.kind + "' is not supported"));
        ResourceKind k = kind.kind();
        List<String> names = target.named.names;
        if (!k.namespaced() && (allNamespaces || !namespace.isEmpty())) {
            throw new CommandFailure("Failed to get resources: " + k.kindName() + " is not namespaced");
        }
        if (names.isEmpty()) {
            String ns = !k.namespaced() ? "" : allNamespaces ? "" : !namespace.isEmpty() ? namespace
                    : k == ResourceKind.WORKLOAD_ENDPOINT ? "" : "default";
            return new Request(kind, ns, List.of());
        }
        if (allNamespaces) {
            throw new CommandFailure("Failed to get resources: cannot use --all-namespace flag for getting a single resource");
        }
        List<ResourceKey> keys = new ArrayList<>();
        for (String name : names) {
            if (name.isEmpty()) {
                throw new CommandFailure("Failed to get resources: resource name may not be empty");
            }
            keys.add(new ResourceKey(k, k.namespaced() ? (namespace.isEmpty() ? "default" : namespace) : "", name));
        }
        return new Request(kind, null, keys);
    }

    private Request fromFile(CliContext context) {
        String namespace = namespaceOption.namespace;
        if (allNamespaces) {
            throw new CommandFailure("Failed to get resources: cannot use --all-namespace flag for getting a single resource");
        }
        List<ResourceKey> keys = new ArrayList<>();
        for (Resource r : Datastore.readFile(context, target.file, namespace)) {
            keys.add(r.key());
        }
        if (keys.isEmpty()) {
            throw new CommandFailure("No resources specified");
        }
        return new Request(null, null, keys);
    }
}
