package io.calicoj.sandbox.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts the sandbox's long-running processes (agents, socket bridges, pod agents) detached
 * ({@code setsid}), optionally inside a network namespace, with output to a log file; and stops
 * them. A process is only ever signalled when its command line contains the sandbox's marker
 * (its directory), so a PID reused after a crash never hits an unrelated process.
 */
final class ProcessLauncher {

    private final String marker;

    /** @param marker text every sandbox process has in its command line (the sandbox directory) */
    ProcessLauncher(String marker) {
        this.marker = marker;
    }

    long start(String netns, List<String> argv, Map<String, String> env, Path log) throws IOException {
        List<String> all = new ArrayList<>(List.of("setsid"));
        if (netns != null) {
            all.addAll(List.of("ip", "netns", "exec", netns));
        }
        all.addAll(argv);
        ProcessBuilder pb = new ProcessBuilder(all);
        pb.environment().putAll(env);
        pb.environment().put("CALICO_SANDBOX_MARKER", marker);
        Files.createDirectories(log.getParent());
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.redirectErrorStream(true);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return pb.start().pid();
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
        if (!isOurs(pid)) {
            return;
        }
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty()) {
            return;
        }
        h.get().destroy();
        try {
            h.get().onExit().get(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            h.get().destroyForcibly();
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
