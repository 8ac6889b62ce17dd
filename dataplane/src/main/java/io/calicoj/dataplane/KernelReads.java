package io.calicoj.dataplane;

import io.calicoj.dataplane.api.DataplaneProgrammingException;
import io.calicoj.exec.Command;
import io.calicoj.exec.CommandFailedException;
import io.calicoj.exec.CommandResult;
import io.calicoj.exec.CommandRunner;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reading kernel state through a command ({@code iptables-save}, {@code ipset save}) with retries. */
public final class KernelReads {

    private static final Logger LOG = LoggerFactory.getLogger(KernelReads.class);

    private KernelReads() {
    }

    /**
     * The command's output, retried with backoff on failure.
     *
     * @param meansEmpty a failed result that just means "nothing there" (its output is taken as empty)
     * @throws DataplaneProgrammingException when the last retry failed too
     */
    public static String read(CommandRunner runner, Command command, RetryPolicy policy, Sleeper sleeper,
                              Predicate<CommandResult> meansEmpty) {
        for (int attempt = 0; ; attempt++) {
            String error;
            try {
                CommandResult r = runner.run(command);
                if (r.succeeded()) {
                    return r.stdout();
                }
                if (meansEmpty.test(r)) {
                    return "";
                }
                error = "exit " + r.exitCode() + ": " + r.stderr().strip();
            } catch (CommandFailedException e) {
                error = e.getMessage();
            }
            if (attempt >= policy.retries()) {
                throw new DataplaneProgrammingException("could not read the kernel's state with " + command + ": " + error,
                        "", "", null);
            }
            LOG.warn("{} failed, will retry: {}", command, error);
            sleeper.sleep(policy.backoff(attempt));
        }
    }

    /** Best-effort output for a diagnostic log line, never throwing. */
    public static String forDiagnostics(CommandRunner runner, Command command) {
        try {
            CommandResult r = runner.run(command);
            return r.stdout() + (r.stderr().isBlank() ? "" : "\n(stderr: " + r.stderr().strip() + ")");
        } catch (CommandFailedException e) {
            return "(could not read: " + e.getMessage() + ")";
        }
    }
}
