package io.calicoj.sandbox.cluster;

import io.calicoj.exec.Command;
import io.calicoj.exec.CommandFailedException;
import io.calicoj.exec.CommandRunner;
import io.calicoj.exec.NetnsCommandRunner;

/**
 * calico-felix's readiness as the kubelet's probe sees it: {@code GET /readiness} on
 * 127.0.0.1:9099 inside the node's network namespace, answered 204 when ready.
 */
public final class FelixReadiness {

    private static final Command PROBE = Command.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
            "--max-time", "2", "http://127.0.0.1:9099/readiness");

    private final CommandRunner runner;

    /** @param runner runs the probe ({@code curl}) in the machine's namespace; this enters the node's */
    public FelixReadiness(CommandRunner runner) {
        this.runner = runner;
    }

    /** The HTTP status {@code /readiness} answers inside {@code netns} ("000" when nothing answers). */
    public String status(String netns) throws CommandFailedException {
        return new NetnsCommandRunner(runner, netns).run(PROBE).stdout().trim();
    }

    /** Whether calico-felix in {@code netns} reports ready; false also when the probe cannot run. */
    public boolean isReady(String netns) {
        try {
            return status(netns).equals("204");
        } catch (CommandFailedException e) {
            return false;
        }
    }
}
