package io.calicoj.cli.commands;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code calicoctl completion bash}: prints a completion script (picocli's generator; it also
 * works in zsh after {@code autoload -U +X bashcompinit && bashcompinit}). Use it with
 * {@code source <(calicoctl completion bash)}.
 */
@Command(name = "completion", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = {"Output a shell completion script.", "",
            "  source <(calicoctl completion bash)"})
public final class CompletionCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<SHELL>", defaultValue = "bash", description = "The shell: bash (zsh via bashcompinit).")
    String shell;

    @Override
    public Integer call() {
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            throw new CommandFailure("Unsupported shell '" + shell + "': calicoctl can write a completion script for bash"
                    + " (zsh via bashcompinit)");
        }
        root.context().out().print(AutoComplete.bash("calicoctl", spec.root().commandLine()));
        return 0;
    }
}
