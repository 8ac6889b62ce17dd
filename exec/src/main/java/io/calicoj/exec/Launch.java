package io.calicoj.exec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A process to start and leave running (a daemon, an interactive command, a helper process the
 * caller talks to), for {@link ProcessLauncher}: the command (argv and extra environment), where
 * its standard streams go, and whether it gets a session of its own ({@code setsid}), so that it
 * outlives its starter and receives none of the terminal's signals.
 */
public record Launch(Command command, Streams streams, boolean newSession) {

    /** Where the process's standard input, output and error go. */
    public sealed interface Streams {
        /** Input from {@code /dev/null}; output and error appended to {@code file} (its directory created). */
        record LogFile(Path file) implements Streams {
            public LogFile {
                Objects.requireNonNull(file, "file");
            }
        }

        /** The starter's own input, output and error (an interactive command). */
        record Inherited() implements Streams {
        }

        /** Input and output through pipes to the starter ({@link RunningProcess#stdin()}, {@link RunningProcess#stdout()}), error to the starter's. */
        record Piped() implements Streams {
        }
    }

    public Launch {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(streams, "streams");
        if (!command.stdin().isEmpty()) {
            throw new IllegalArgumentException("a launched process's input comes from its streams, not from text: " + command);
        }
    }

    /** A daemon: a session of its own, input from {@code /dev/null}, output and error appended to {@code log}. */
    public static Launch daemon(Command command, Path log) {
        return new Launch(command, new Streams.LogFile(log), true);
    }

    /** A command run with the starter's terminal (input, output and error inherited). */
    public static Launch interactive(Command command) {
        return new Launch(command, new Streams.Inherited(), false);
    }

    /** A helper process the starter talks to through its input and output. */
    public static Launch piped(Command command) {
        return new Launch(command, new Streams.Piped(), false);
    }

    /** The argv actually executed: {@code setsid} in front when the process gets a session of its own. */
    List<String> argv() {
        if (!newSession) {
            return command.argv();
        }
        List<String> all = new ArrayList<>(List.of("setsid"));
        all.addAll(command.argv());
        return all;
    }
}
