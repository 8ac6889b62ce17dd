package io.calicoj.cli.commands;

import picocli.CommandLine.Option;

/** {@code -n/--namespace}: the namespace of namespaced resources (default {@code default}). */
public final class NamespaceOption {

    @Option(names = {"-n", "--namespace"}, paramLabel = "<NS>",
            description = "Namespace of the resource. Only applicable to NetworkPolicy and WorkloadEndpoint."
                    + " Uses the default namespace if not specified.")
    String namespace = "";
}
