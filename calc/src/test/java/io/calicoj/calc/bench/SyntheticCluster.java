package io.calicoj.calc.bench;

import io.calicoj.datastore.Update;
import io.calicoj.datastore.Upsert;
import io.calicoj.model.NetworkPolicy;
import io.calicoj.model.Profile;
import io.calicoj.model.WorkloadEndpoint;
import io.calicoj.model.k8s.KubeLabelSelector;
import io.calicoj.model.k8s.KubeNamespace;
import io.calicoj.model.k8s.KubeNetworkPolicy;
import io.calicoj.model.k8s.KubeNetworkPolicy.IpBlock;
import io.calicoj.model.k8s.KubeNetworkPolicy.Peer;
import io.calicoj.model.k8s.KubeNetworkPolicy.PortSpec;
import io.calicoj.model.k8s.KubeNetworkPolicy.RuleSpec;
import io.calicoj.model.k8s.KubePod;
import io.calicoj.model.k8s.NamespaceConverter;
import io.calicoj.model.k8s.NetworkPolicyConverter;
import io.calicoj.model.k8s.PodConverter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A deterministic synthetic cluster in Calico's KDD form: namespaces (as {@code kns.*}
 * profiles), pods spread round-robin over nodes (as workload endpoints) and Kubernetes
 * NetworkPolicies converted with {@link NetworkPolicyConverter}, mixing pod selectors, namespace
 * selectors, numeric and named ports, and ipBlocks, as real clusters do. Node {@code node-0} has
 * {@code pods / nodes} local pods.
 */
public final class SyntheticCluster {

    static final String LOCAL_NODE = "node-0";
    private static final String[] TIERS = {"web", "api", "db"};

    final int namespaces;
    final int podsPerNamespace;
    final int policiesPerNamespace;
    final int nodes;

    public SyntheticCluster(int namespaces, int podsPerNamespace, int policiesPerNamespace, int nodes) {
        this.namespaces = namespaces;
        this.podsPerNamespace = podsPerNamespace;
        this.policiesPerNamespace = policiesPerNamespace;
        this.nodes = nodes;
    }

    static String ns(int n) {
        return String.format("ns-%03d", n);
    }

    Profile namespace(int n, String env) {
        return NamespaceConverter.toProfile(new KubeNamespace(ns(n), "uid-" + n, "1", Map.of(
                "kubernetes.io/metadata.name", ns(n), "team", "team-" + (n % 10), "env", env)));
    }

    Profile namespace(int n) {
        return namespace(n, n % 3 == 0 ? "prod" : "dev");
    }

    /** Pod {@code j} of namespace {@code n}, with the given app label and node. */
    WorkloadEndpoint pod(int n, int j, String app, String node) {
        List<KubePod.KubeContainerPort> ports = new ArrayList<>();
        ports.add(new KubePod.KubeContainerPort("http", 8080, "TCP"));
        if (j % 2 == 0) {
            ports.add(new KubePod.KubeContainerPort("metrics", 9090, "TCP"));
        }
        if (j % 10 == 0) {
            ports.add(new KubePod.KubeContainerPort("dns", 53, "UDP"));
        }
        String ip = "10." + (n / 250) + "." + (n % 250) + "." + (j % 250 + 1);
        if (j >= 250) {
            ip = "11." + (n / 250) + "." + (n % 250) + "." + (j % 250 + 1);
        }
        KubePod pod = new KubePod(ns(n), "pod-" + j, "uid-" + n + "-" + j, "1", node, false, "Running", false,
                Map.of("app", app, "tier", TIERS[j % 3], "version", "v" + (j % 2)), List.of(ip), null, null, "",
                ports);
        return new PodConverter().toWorkloadEndpoint(pod).orElseThrow();
    }

    WorkloadEndpoint pod(int n, int j) {
        return pod(n, j, "app-" + (j % 10), "node-" + ((n + j) % nodes));
    }

    /** Policy {@code k} of namespace {@code n}; {@code portShift} is added to its numeric ports. */
    NetworkPolicy policy(int n, int k, int portShift) {
        KubeLabelSelector podSelector = k < policiesPerNamespace / 2
                ? KubeLabelSelector.matchLabels(Map.of("app", "app-" + (k % 10)))
                : KubeLabelSelector.matchLabels(Map.of("tier", TIERS[k % 3]));
        List<RuleSpec> ingress = List.of(switch (k % 4) {
            case 0 -> new RuleSpec(List.of(tcp(8080 + portShift)),
                    List.of(new Peer(KubeLabelSelector.matchLabels(Map.of("app", "app-" + ((k + 1) % 10))), null, null)));
            case 1 -> new RuleSpec(List.of(named("http")),
                    List.of(new Peer(null, KubeLabelSelector.matchLabels(Map.of("team", "team-" + (k % 10))), null)));
            case 2 -> new RuleSpec(List.of(tcp(9090 + portShift), named("metrics")),
                    List.of(new Peer(KubeLabelSelector.matchLabels(Map.of("tier", "web")),
                            KubeLabelSelector.matchLabels(Map.of("env", "prod")), null)));
            default -> new RuleSpec(List.of(tcp(443 + portShift)),
                    List.of(new Peer(null, null, new IpBlock("10.0.0.0/8", List.of("10." + (n / 250) + "."
                            + (n % 250) + ".0/24")))));
        });
        List<RuleSpec> egress = List.of();
        List<String> types = List.of("Ingress");
        if (k % 3 == 0) {
            types = List.of("Ingress", "Egress");
            egress = List.of(
                    new RuleSpec(List.of(named("http")),
                            List.of(new Peer(KubeLabelSelector.matchLabels(Map.of("app", "app-" + ((k + 2) % 10))),
                                    null, null))),
                    new RuleSpec(List.of(new PortSpec("UDP", 53 + portShift, null, null)),
                            List.of(new Peer(null, null, new IpBlock("0.0.0.0/0", List.of("10.0.0.0/8"))))));
        }
        KubeNetworkPolicy np = new KubeNetworkPolicy(ns(n), "policy-" + k, "uid-p-" + n + "-" + k, "1", "",
                podSelector, types, ingress, egress);
        return NetworkPolicyConverter.toCalico(np).policy();
    }

    private static PortSpec tcp(int port) {
        return new PortSpec("TCP", port, null, null);
    }

    private static PortSpec named(String name) {
        return new PortSpec(null, null, name, null);
    }

    /** Every resource as an upsert, shuffled with {@code seed} (a syncer interleaves kinds). */
    public List<Update> allUpdates(long seed) {
        List<Update> out = new ArrayList<>();
        for (int n = 0; n < namespaces; n++) {
            out.add(Upsert.of(namespace(n)));
            for (int j = 0; j < podsPerNamespace; j++) {
                out.add(Upsert.of(pod(n, j)));
            }
            for (int k = 0; k < policiesPerNamespace; k++) {
                out.add(Upsert.of(policy(n, k, 0)));
            }
        }
        Collections.shuffle(out, new Random(seed));
        return out;
    }

    int pods() {
        return namespaces * podsPerNamespace;
    }

    int policies() {
        return namespaces * policiesPerNamespace;
    }
}
