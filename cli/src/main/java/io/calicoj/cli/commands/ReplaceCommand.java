package io.calicoj.cli.commands;

import picocli.CommandLine.Command;

/** {@code calicoctl replace -f FILE [-n NS] [-c CONFIG]}: every resource must exist. */
@Command(name = "replace", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Replace a resource by file or stdin.")
public final class ReplaceCommand extends FileWriteCommand {

    @Override
    WriteAction action() {
        return WriteAction.REPLACE;
    }
}
