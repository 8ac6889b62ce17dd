package io.calicoj.sandbox.cluster;

import io.calicoj.exec.Command;
import io.calicoj.exec.CommandFailedException;
import io.calicoj.exec.Launch;
import io.calicoj.exec.NetnsCommandRunner;
import io.calicoj.exec.ProcessLauncher;
import io.calicoj.exec.RunningProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's long-running processes (agents, socket bridges, pod agents): started as daemons
 * through {@link ProcessLauncher}, optionally inside a network namespace, with output to a log
 * file; found and stopped again, also by a later {@code calico-sandbox down}. A process is only
 * ever signalled when its command line contains the sandbox's marker (its directory), so a PID
 * reused after a crash never hits an unrelated process.
 */
final class SandboxProcesses {

    private final String marker;
    private final ProcessLauncher launcher = new ProcessLauncher();

    /** @param marker text every sandbox process has in its command line (the sandbox directory) */
    SandboxProcesses(String marker) {
        this.marker = marker;
    }

    /** @return the daemon's PID */
    long start(String netns, List<String> argv, Map<String, String> env, Path log) throws IOException {
        Map<String, String> marked = new HashMap<>(env);
        marked.put("CALICO_SANDBOX_MARKER", marker);
        Command command = Command.of(argv).withEnvironment(marked);
        try {
            return launcher.start(Launch.daemon(netns == null ? command : NetnsCommandRunner.inNamespace(netns, command), log))
                    .pid();
        } catch (CommandFailedException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Whether {@code pid} is alive and one of ours. */
    boolean isOurs(long pid) {
        Path cmdline = Path.of("/proc", Long.toString(pid), "cmdline");
        Path environ = Path.of("/proc", Long.toString(pid), "environ");
        try {
            String cmd = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).replace('\0', ' ');
            if (cmd.contains(marker)) {
                return true;
            }
            String env = new String(Files.readAllBytes(environ), StandardCharsets.UTF_8);
            return env.contains("CALICO_SANDBOX_MARKER=" + marker + "\0");
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops one of our processes: SIGTERM, then SIGKILL after {@code grace}. */
    void stop(long pid, Duration grace) {
        if (isOurs(pid)) {
            ProcessHandle.of(pid).ifPresent(h -> RunningProcess.stop(h, grace));
        }
    }

    /** Every live process that carries our marker (also those whose PID was never recorded). */
    List<Long> findOurs() {
        List<Long> out = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(p -> {
            if (p.pid() != ProcessHandle.current().pid() && isOurs(p.pid())) {
                out.add(p.pid());
            }
        });
        return out;
    }
}
