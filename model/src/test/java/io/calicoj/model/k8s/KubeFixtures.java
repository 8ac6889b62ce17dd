package io.calicoj.model.k8s;

import io.calicoj.model.k8s.KubeNetworkPolicy.IpBlock;
import io.calicoj.model.k8s.KubeNetworkPolicy.Peer;
import io.calicoj.model.k8s.KubeNetworkPolicy.PortSpec;
import io.calicoj.model.k8s.KubeNetworkPolicy.RuleSpec;
import java.util.List;
import java.util.Map;

/** Compact builders for Kubernetes test objects. */
public final class KubeFixtures {

    private KubeFixtures() {
    }

    public static KubeNetworkPolicy policy(String ns, String name, KubeLabelSelector podSelector, List<String> types,
                                           List<RuleSpec> ingress, List<RuleSpec> egress) {
        return new KubeNetworkPolicy(ns, name, "uid-" + name, "1", "", podSelector, types, ingress, egress);
    }

    public static KubeLabelSelector labels(String... kv) {
        java.util.Map<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return KubeLabelSelector.matchLabels(m);
    }

    public static RuleSpec rule(List<PortSpec> ports, Peer... peers) {
        return new RuleSpec(ports, List.of(peers));
    }

    public static Peer pods(KubeLabelSelector s) {
        return new Peer(s, null, null);
    }

    public static Peer namespaces(KubeLabelSelector s) {
        return new Peer(null, s, null);
    }

    public static Peer podsInNamespaces(KubeLabelSelector pods, KubeLabelSelector namespaces) {
        return new Peer(pods, namespaces, null);
    }

    public static Peer ipBlock(String cidr, String... except) {
        return new Peer(null, null, new IpBlock(cidr, List.of(except)));
    }

    public static PortSpec tcp(int port) {
        return new PortSpec("TCP", port, null, null);
    }

    public static PortSpec port(String protocol, Integer port) {
        return new PortSpec(protocol, port, null, null);
    }

    public static PortSpec named(String name) {
        return new PortSpec(null, null, name, null);
    }

    public static KubePod pod(String ns, String name, String node, String ip, Map<String, String> labels) {
        return new KubePod(ns, name, "uid-" + name, "7", node, false, "Running", false, labels,
                ip == null ? List.of() : List.of(ip), null, null, "", List.of());
    }
}
