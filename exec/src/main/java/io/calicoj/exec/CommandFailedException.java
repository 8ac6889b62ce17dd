package io.calicoj.exec;

/** A process exited non-zero, or could not be started. Carries the command, exit code and stderr. */
public class CommandFailedException extends Exception {

    private final transient CommandResult result;

    public CommandFailedException(CommandResult result) {
        super(result.command() + " exited " + result.exitCode()
                + (result.stderr().isBlank() ? "" : ": " + result.stderr().strip()));
        this.result = result;
    }

    public CommandFailedException(Command command, Throwable cause) {
        super(command + " could not be run: " + cause.getMessage(), cause);
        this.result = new CommandResult(command, -1, "", String.valueOf(cause.getMessage()));
    }

    public CommandResult result() {
        return result;
    }
}
