package io.calicoj.exec;

/**
 * Runs processes to completion. With {@link ProcessLauncher} (for processes that keep running), the
 * only way Calico/J code starts one, so that tests can substitute simulated kernel tools and the
 * sandbox can run the same code inside a network namespace.
 */
@FunctionalInterface
public interface CommandRunner {

    /**
     * Runs the command to completion. A non-zero exit is a result, not an exception.
     *
     * @throws CommandFailedException only when the process could not be started or was interrupted
     */
    CommandResult run(Command command) throws CommandFailedException;

    /** Runs and requires exit status 0. */
    default CommandResult runOrThrow(Command command) throws CommandFailedException {
        return run(command).orThrow();
    }
}
