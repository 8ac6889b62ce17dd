package io.calicoj.sandbox;

import io.calicoj.exec.Launch;
import io.calicoj.exec.NetnsCommandRunner;
import io.calicoj.exec.ProcessLauncher;
import io.calicoj.sandbox.cluster.SandboxState;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code calico-sandbox exec <ns>/<pod> -- CMD} and {@code exec node/<node> -- CMD}. */
@Command(name = "exec", mixinStandardHelpOptions = true,
        description = "Run a command in a pod (<namespace>/<pod>) or on a node (node/<node>), e.g. exec node/node-1 -- iptables-save")
final class ExecCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "TARGET", description = "<namespace>/<pod> or node/<node>")
    String target;

    @Parameters(index = "1..*", paramLabel = "CMD", description = "the command and its arguments (after --)")
    List<String> command;

    @Override
    public Integer call() throws Exception {
        SandboxState state = SandboxContext.state(SandboxContext.dir());
        String ns = SandboxContext.netnsOf(state, target);
        io.calicoj.exec.Command inNode = NetnsCommandRunner.inNamespace(ns, io.calicoj.exec.Command.of(command));
        return new ProcessLauncher().start(Launch.interactive(inNode)).waitFor();
    }
}
