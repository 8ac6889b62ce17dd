package io.calicoj.sandbox;

import io.calicoj.sandbox.cluster.SandboxCluster;
import io.calicoj.sandbox.cluster.SandboxDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The process behind {@code up}: runs the cluster until {@code down} (SIGTERM) stops it. */
@Command(name = "daemon", hidden = true, description = "Run a sandbox in the foreground (used by 'up').")
final class DaemonCommand implements Callable<Integer> {

    @Option(names = "--dir", required = true)
    Path dir;

    @Option(names = "--nodes", defaultValue = "2")
    int nodes;

    @Override
    public Integer call() throws Exception {
        SandboxDir sandboxDir = new SandboxDir(dir.toAbsolutePath());
        SandboxCluster cluster;
        try {
            cluster = SandboxCluster.start(sandboxDir, SandboxCluster.Options.defaults(nodes));
        } catch (Exception e) {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("failed"), e.getMessage() == null ? e.toString() : e.getMessage());
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                cluster.close();
            } catch (Exception e) {
                System.err.println("cleanup failed: " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }));
        Files.writeString(dir.resolve("ready"), Long.toString(ProcessHandle.current().pid()));
        System.err.println("sandbox ready");
        stopped.await();
        return 0;
    }
}
