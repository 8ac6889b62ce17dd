package io.calicoj.exec;

import java.util.Objects;

/** How a process ended and what it printed. */
public record CommandResult(Command command, int exitCode, String stdout, String stderr) {

    public CommandResult {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** This result if the process exited 0, else a {@link CommandFailedException} carrying it. */
    public CommandResult orThrow() throws CommandFailedException {
        if (!succeeded()) {
            throw new CommandFailedException(this);
        }
        return this;
    }
}
