package io.calicoj.cli.commands;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What get and delete act on: {@code -f FILE} (or {@code -} for stdin), or {@code <KIND> [<NAME>...]}. */
public final class Selection {

    @Option(names = {"-f", "--filename"}, paramLabel = "<FILENAME>", required = true,
            description = "Filename to use for the resource(s). If set to \"-\" loads from stdin.")
    String file;

    @ArgGroup(exclusive = false, multiplicity = "1")
    Named named;

    static final class Named {
        @Parameters(index = "0", paramLabel = "<KIND>", completionCandidates = KindNames.class,
                description = "The resource type.")
        String kind;

        @Parameters(index = "1..*", arity = "0..*", paramLabel = "<NAME>", description = "The name of the resource(s).")
        List<String> names = new ArrayList<>();
    }
}
