package io.calicoj.cli.commands;

import picocli.CommandLine.Command;

/** {@code calicoctl apply -f FILE [-n NS] [-c CONFIG]}: create, or replace what exists. */
@Command(name = "apply", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = {"Apply a resource by file or stdin.",
            "This creates a resource if it does not exist, and replaces a resource if it does exist."})
public final class ApplyCommand extends FileWriteCommand {

    @Override
    WriteAction action() {
        return WriteAction.APPLY;
    }
}
