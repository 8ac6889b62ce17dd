package io.calicoj.cli.commands;

import io.calicoj.cli.CliContext;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code calicoctl [options] <command> [<args>...]}. */
@Command(name = "calicoctl",
        description = "The calicoctl command line tool is used to manage Calico network and security policy,"
                + " to view and manage endpoint configuration.",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        subcommands = {
            GetCommand.class, CreateCommand.class, ApplyCommand.class, ReplaceCommand.class, DeleteCommand.class,
            VersionCommand.class, CompletionCommand.class, HelpCommand.class
        },
        footer = {"", "See 'calicoctl <command> --help' to read about a specific subcommand."})
public final class RootCommand implements Callable<Integer> {

    /** calicoctl's levels, and the SLF4J level each maps to ({@code panic}, the default, logs nothing). */
    private static final Map<String, String> LEVELS = Map.of(
            "panic", "off", "fatal", "error", "error", "error", "warn", "warn", "warning", "warn",
            "info", "info", "debug", "debug");

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Option(names = {"-l", "--log-level"}, paramLabel = "<level>", defaultValue = "panic",
            description = "Set the log level (one of panic, fatal, error, warn, info, debug) [default: ${DEFAULT-VALUE}]")
    String logLevel;

    public RootCommand(CliContext context) {
        this.context = context;
    }

    public CliContext context() {
        return context;
    }

    /**
     * Applies {@code --log-level} before any subcommand runs (logging is configured once per process).
     *
     * @return an error message, or {@code null}
     */
    public String applyLogLevelFor(picocli.CommandLine.ParseResult parseResult) {
        String level = LEVELS.get(logLevel.toLowerCase(Locale.ROOT));
        if (level == null) {
            return "Unknown log level: " + logLevel;
        }
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
        }
        return null;
    }

    /** Whether {@code --log-level debug} was given. */
    public boolean debug() {
        return logLevel.equalsIgnoreCase("debug");
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(context.err());
        return 1;
    }
}
