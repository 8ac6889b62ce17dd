package io.calicoj.sandbox;

import io.calicoj.exec.CommandFailedException;
import io.calicoj.exec.ProcessCommandRunner;
import io.calicoj.sandbox.cluster.FelixReadiness;
import io.calicoj.sandbox.cluster.SandboxState;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code calico-sandbox status}: nodes with their agents, pods with their IPs. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "List nodes (agent PID and readiness) and pods (IP and node).")
final class StatusCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        SandboxState state = SandboxContext.state(SandboxContext.dir());
        try (KubernetesClient client = SandboxContext.client(state)) {
            System.out.printf("%-10s %-16s %-14s %-10s %s%n", "NODE", "POD CIDR", "ADDRESS", "FELIX PID", "READY");
            for (Node n : client.nodes().list().getItems()) {
                String name = n.getMetadata().getName();
                Long pid = state.processes().get("felix/" + name);
                boolean alive = pid != null && ProcessHandle.of(pid).isPresent();
                String ns = SandboxContext.netnsOf(state, "node/" + name);
                String ready = !alive ? "no (not running)" : readiness(ns);
                System.out.printf("%-10s %-16s %-14s %-10s %s%n", name, n.getSpec().getPodCIDR(),
                        n.getStatus().getAddresses().get(0).getAddress(), pid == null ? "-" : pid, ready);
            }
            System.out.println();
            System.out.printf("%-30s %-10s %-16s %s%n", "POD", "NODE", "IP", "PHASE");
            for (Pod p : client.pods().inAnyNamespace().list().getItems()) {
                System.out.printf("%-30s %-10s %-16s %s%n", p.getMetadata().getNamespace() + "/" + p.getMetadata().getName(),
                        p.getSpec().getNodeName() == null ? "-" : p.getSpec().getNodeName(),
                        p.getStatus() == null || p.getStatus().getPodIP() == null ? "-" : p.getStatus().getPodIP(),
                        p.getStatus() == null || p.getStatus().getPhase() == null ? "Pending" : p.getStatus().getPhase());
            }
        }
        return 0;
    }

    private static String readiness(String netns) {
        try {
            String code = new FelixReadiness(new ProcessCommandRunner(Duration.ofSeconds(5))).status(netns);
            return code.equals("204") ? "yes" : "no (" + code + ")";
        } catch (CommandFailedException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
