package io.calicoj.cli.commands;

import io.calicoj.cli.CliContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
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

    /**
     * The subcommands, in the order {@code --help} lists them. Building picocli's model of a
     * command costs start-up time (reflection over its options), so a run registers only the
     * command it runs when it can tell which one that is ({@link #register}).
     */
    private static final List<String> COMMANDS =
            List.of("get", "create", "apply", "replace", "delete", "version", "completion", "help");

    /** A new subcommand object. */
    private static Object create(String name) {
        switch (name) {
            case "get": return new GetCommand();
            case "create": return new CreateCommand();
            case "apply": return new ApplyCommand();
            case "replace": return new ReplaceCommand();
            case "delete": return new DeleteCommand();
            case "version": return new VersionCommand();
            case "completion": return new CompletionCommand();
            case "help": return new HelpCommand();
            default: throw new IllegalArgumentException("no command " + name);
        }
    }

    /**
     * Adds the subcommands {@code args} need: only the one named when the command line names a
     * known one (after the global {@code -l/--log-level}), every one otherwise (for usage,
     * help and completion).
     */
    public static void register(CommandLine cl, String[] args) {
        String command = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-l") || a.equals("--log-level")) {
                i++;
            } else if (!a.startsWith("-")) {
                command = a;
                break;
            }
        }
        boolean one = command != null && COMMANDS.contains(command) && !command.equals("help")
                && !command.equals("completion");
        for (String name : COMMANDS) {
            if (!one || name.equals(command)) {
                cl.addSubcommand(name, create(name));
            }
        }
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
