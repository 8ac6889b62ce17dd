package io.calicoj.exec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A process to run: argv, text for its standard input (empty for none) and extra environment
 * variables (added to the runner's environment).
 */
public record Command(List<String> argv, String stdin, Map<String, String> environment) {

    public Command {
        argv = List.copyOf(argv);
        Objects.requireNonNull(stdin, "stdin");
        environment = Map.copyOf(environment);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least a program name");
        }
    }

    public static Command of(String... argv) {
        return new Command(List.of(argv), "", Map.of());
    }

    public static Command of(List<String> argv) {
        return new Command(argv, "", Map.of());
    }

    public Command withStdin(String input) {
        return new Command(argv, input, environment);
    }

    public Command withEnvironment(Map<String, String> env) {
        return new Command(argv, stdin, env);
    }

    /** The same command with {@code prefix} in front of argv (e.g. {@code ip netns exec <ns>}). */
    public Command prefixedWith(List<String> prefix) {
        java.util.List<String> all = new java.util.ArrayList<>(prefix);
        all.addAll(argv);
        return new Command(all, stdin, environment);
    }

    public String program() {
        return argv.get(0);
    }

    /** argv joined with spaces, for logs (stdin is not shown: it may be large). */
    @Override
    public String toString() {
        return String.join(" ", argv) + (stdin.isEmpty() ? "" : " <<(" + stdin.length() + " bytes)");
    }
}
