package io.calicoj.cni.plugin;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Nodes (with pod CIDRs) and pods (with annotations) in memory; a patch can be made to fail. The
 * plugin calls it from its background threads, one call at a time (hence the synchronized methods).
 */
final class FakeKubeApi implements KubeApi {

    final Map<String, String> nodeCidrs = new HashMap<>();
    final Map<PodRef, Map<String, String>> pods = new HashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    private CniException failPatch;
    private int closes;

    FakeKubeApi withNode(String node, String podCidr) {
        nodeCidrs.put(node, podCidr);
        return this;
    }

    FakeKubeApi withPod(String namespace, String name) {
        pods.put(new PodRef(namespace, name), new LinkedHashMap<>());
        return this;
    }

    synchronized void failPatch(CniException e) {
        failPatch = e;
    }

    synchronized Map<String, String> annotations(String namespace, String name) {
        return pods.get(new PodRef(namespace, name));
    }

    /** How often the plugin closed its connection. */
    synchronized int closes() {
        return closes;
    }

    @Override
    public synchronized void close() {
        closes++;
    }

    @Override
    public synchronized String nodePodCidr(String node) throws CniException {
        calls.add("GET node " + node);
        String cidr = nodeCidrs.get(node);
        if (cidr == null) {
            throw new CniException(CniException.KUBERNETES, "node \"" + node + "\" not found");
        }
        return cidr;
    }

    @Override
    public synchronized Optional<Map<String, String>> podAnnotations(PodRef pod) {
        calls.add("GET pod " + pod);
        Map<String, String> a = pods.get(pod);
        return a == null ? Optional.empty() : Optional.of(Map.copyOf(a));
    }

    @Override
    public synchronized boolean patchPodAnnotations(PodRef pod, Map<String, String> annotations) throws CniException {
        calls.add("PATCH pod " + pod);
        if (failPatch != null) {
            throw failPatch;
        }
        Map<String, String> a = pods.get(pod);
        if (a == null) {
            return false;
        }
        annotations.forEach((k, v) -> {
            if (v == null) {
                a.remove(k);
            } else {
                a.put(k, v);
            }
        });
        return true;
    }
}
