package io.calicoj.sandbox;

import io.calicoj.exec.CommandFailedException;
import io.calicoj.exec.Launch;
import io.calicoj.exec.ProcessLauncher;
import io.calicoj.exec.RunningProcess;
import io.calicoj.sandbox.cluster.Home;
import io.calicoj.sandbox.cluster.SandboxDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code calico-sandbox up}: starts the sandbox daemon and waits until the cluster is ready. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Bring up a local cluster: nodes as network namespaces, the API server, calico-felix on every node.")
final class UpCommand implements Callable<Integer> {

    @Option(names = "--nodes", defaultValue = "2", description = "Number of nodes. Default: ${DEFAULT-VALUE}.")
    int nodes;

    @Option(names = "--timeout", defaultValue = "180", description = "Seconds to wait for readiness. Default: ${DEFAULT-VALUE}.")
    int timeout;

    @Override
    public Integer call() throws IOException, InterruptedException, CommandFailedException {
        SandboxDir dir = SandboxContext.dir();
        if (Files.exists(dir.state())) {
            System.err.println("a sandbox already exists in " + dir.root() + ": run 'calico-sandbox down' first");
            return 1;
        }
        Files.createDirectories(dir.root());
        Path ready = dir.root().resolve("ready");
        Path failed = dir.root().resolve("failed");
        Path daemonLog = dir.root().resolve("daemon.log");
        Path home = Home.locate();
        RunningProcess daemon = new ProcessLauncher().start(Launch.daemon(io.calicoj.exec.Command.of(
                home.resolve("bin/calico-sandbox").toString(), "daemon", "--dir", dir.root().toString(),
                "--nodes", Integer.toString(nodes)), daemonLog));
        System.out.println("Starting a " + nodes + "-node sandbox in " + dir.root() + " …");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(timeout));
        while (!Files.exists(ready)) {
            if (Files.exists(failed) || !daemon.isAlive()) {
                System.err.println("the sandbox failed to start:");
                System.err.println(Files.exists(failed) ? Files.readString(failed) : tail(daemonLog));
                return 1;
            }
            if (Instant.now().isAfter(deadline)) {
                System.err.println("the sandbox is not ready after " + timeout + " s; see " + daemonLog
                        + " (run 'calico-sandbox down' to remove it)");
                return 1;
            }
            Thread.sleep(200);
        }
        System.out.println("Sandbox ready. To use kubectl and calicoctl against it:");
        System.out.println("  eval \"$(" + home.resolve("bin/calico-sandbox") + " env)\"");
        return 0;
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
