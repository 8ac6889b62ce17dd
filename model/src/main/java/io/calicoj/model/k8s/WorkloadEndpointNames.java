package io.calicoj.model.k8s;

/**
 * Calico v3 WorkloadEndpoint resource names: {@code <node>-<orchestrator>-<pod>-<endpoint>}, with
 * every {@code -} inside a part doubled so that the name can be split back unambiguously.
 */
public final class WorkloadEndpointNames {

    private WorkloadEndpointNames() {
    }

    public static String name(String node, String orchestrator, String pod, String endpoint) {
        return escape(node) + "-" + escape(orchestrator) + "-" + escape(pod) + "-" + escape(endpoint);
    }

    /** The name of the endpoint of a Kubernetes pod. */
    public static String forPod(String node, String pod) {
        return name(node, "k8s", pod, "eth0");
    }

    private static String escape(String part) {
        return part.replace("-", "--");
    }
}
