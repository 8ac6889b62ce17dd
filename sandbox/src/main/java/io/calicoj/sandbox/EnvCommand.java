package io.calicoj.sandbox;

import io.calicoj.sandbox.cluster.SandboxDir;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code calico-sandbox env}: the exports for kubectl and calicoctl. */
@Command(name = "env", mixinStandardHelpOptions = true,
        description = "Print export lines (KUBECONFIG, DATASTORE_TYPE) for kubectl and calicoctl: eval \"$(calico-sandbox env)\"")
final class EnvCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        SandboxDir dir = SandboxContext.dir();
        SandboxContext.state(dir);
        System.out.println("export KUBECONFIG=" + dir.kubeconfig());
        System.out.println("export DATASTORE_TYPE=kubernetes");
        if (!dir.root().equals(SandboxDir.DEFAULT)) {
            System.out.println("export CALICO_SANDBOX_DIR=" + dir.root());
        }
        return 0;
    }
}
