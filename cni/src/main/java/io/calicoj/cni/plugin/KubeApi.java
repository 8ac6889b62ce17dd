package io.calicoj.cni.plugin;

import java.util.Map;
import java.util.Optional;

/** The few Kubernetes API calls the plugin makes. Calls may come from more than one thread, one at a time. */
interface KubeApi extends AutoCloseable {

    /** The node's {@code spec.podCIDR} (else the first of {@code spec.podCIDRs}); empty when it has none. */
    String nodePodCidr(String node) throws CniException;

    /** The pod's annotations; empty when the pod does not exist. */
    Optional<Map<String, String>> podAnnotations(PodRef pod) throws CniException;

    /**
     * Sets annotations with a JSON merge patch ({@code null} values remove).
     *
     * @return false when the pod does not exist
     */
    boolean patchPodAnnotations(PodRef pod, Map<String, String> annotations) throws CniException;

    /** Releases the connection (so that the process exits at once). */
    @Override
    void close();
}
