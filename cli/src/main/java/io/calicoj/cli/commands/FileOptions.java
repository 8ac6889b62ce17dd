package io.calicoj.cli.commands;

import picocli.CommandLine.Option;

/** {@code -f FILE} and {@code -n NS} of create, apply and replace. */
public final class FileOptions {

    @Option(names = {"-f", "--filename"}, paramLabel = "<FILENAME>", required = true,
            description = "Filename to use to create the resource. If set to \"-\" loads from stdin.")
    String file;

    @Option(names = {"-n", "--namespace"}, paramLabel = "<NS>",
            description = "Namespace of the resource. Only applicable to NetworkPolicy and WorkloadEndpoint."
                    + " Uses the default namespace if not specified.")
    String namespace = "";
}
