package io.calicoj.sandbox;

import io.calicoj.sandbox.pod.PodAgent;
import io.calicoj.sandbox.pod.ServedPort;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The process inside every sandbox pod (started by the sandbox's kubelet). */
@Command(name = "pod-agent", hidden = true, description = "Serve a pod's ports and answer probes (run inside the pod's namespace).")
final class PodAgentCommand implements Callable<Integer> {

    @Option(names = "--socket", required = true)
    Path socket;

    @Option(names = "--serve", defaultValue = "")
    String serve;

    @Override
    public Integer call() throws Exception {
        new PodAgent().run(socket, ServedPort.parseList(serve));
        return 0;
    }
}
