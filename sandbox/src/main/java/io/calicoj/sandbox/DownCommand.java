package io.calicoj.sandbox;

import io.calicoj.sandbox.cluster.SandboxCluster;
import io.calicoj.sandbox.cluster.SandboxDir;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code calico-sandbox down}: removes everything the sandbox created, also after it crashed. */
@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Remove the sandbox: processes, namespaces (with their links, routes, chains and ipsets) and files.")
final class DownCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        SandboxDir dir = SandboxContext.dir();
        if (!Files.exists(dir.root())) {
            System.out.println("no sandbox in " + dir.root());
            return 0;
        }
        List<String> removed = SandboxCluster.destroy(dir);
        System.out.println("Removed " + removed.size() + " items (" + String.join(", ", removed) + ")");
        return 0;
    }
}
