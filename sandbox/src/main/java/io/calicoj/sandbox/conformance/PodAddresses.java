package io.calicoj.sandbox.conformance;

import io.calicoj.model.IpAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a case's pods live when no real IPAM assigns them: spread round-robin over the nodes so
 * that traffic crosses nodes, with addresses from each node's pod CIDR {@code 10.244.<n>.0/24}.
 */
public final class PodAddresses {

    private PodAddresses() {
    }

    /** Node number (1-based) for each pod, round-robin in pod order. */
    public static Map<PodRef, Integer> placement(Set<PodRef> pods, int nodes) {
        Map<PodRef, Integer> out = new LinkedHashMap<>();
        List<PodRef> sorted = new ArrayList<>(pods);
        java.util.Collections.sort(sorted);
        for (int i = 0; i < sorted.size(); i++) {
            out.put(sorted.get(i), i % nodes + 1);
        }
        return out;
    }

    /** Deterministic addresses: the k-th pod on node n gets 10.244.n.(10+k). */
    public static Map<PodRef, IpAddress> assign(Set<PodRef> pods, int nodes) {
        Map<PodRef, IpAddress> out = new LinkedHashMap<>();
        Map<Integer, Integer> perNode = new java.util.HashMap<>();
        placement(pods, nodes).forEach((pod, node) -> {
            int k = perNode.merge(node, 1, Integer::sum);
            out.put(pod, IpAddress.parse("10.244." + node + "." + (9 + k)));
        });
        return out;
    }
}
