package io.calicoj.cli.commands;

/**
 * A command failed with a message for the user (written to standard error, exit status 1),
 * e.g. {@code Failed to create Calico API client: ...}.
 */
public final class CommandFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CommandFailure(String message) {
        super(message, null, false, false);
    }
}
