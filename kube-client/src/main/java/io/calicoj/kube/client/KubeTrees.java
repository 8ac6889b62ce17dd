package io.calicoj.kube.client;

import io.calicoj.model.k8s.KubeLabelSelector;
import io.calicoj.model.k8s.KubeNamespace;
import io.calicoj.model.k8s.KubeNetworkPolicy;
import io.calicoj.model.k8s.KubeNode;
import io.calicoj.model.k8s.KubePod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Kubernetes API objects as JSON trees → the slim records Calico/J keeps ({@link KubePod},
 * {@link KubeNamespace}, {@link KubeNetworkPolicy}, {@link KubeNode}): the same records the syncer's
 * fabric8 mapper ({@code io.calicoj.datastore.kubernetes.KubeObjectMapper}) makes, read from the
 * tree, without fabric8's typed model (whose deserialisers cost a short-lived program most of its
 * start-up). No validation happens here: values are carried as written so that conversion can name
 * the field and value it rejects. Absent and {@code null} fields read alike.
 */
public final class KubeTrees {

    private KubeTrees() {
    }

    public static KubePod pod(JsonNode pod) {
        JsonNode m = pod.path("metadata");
        JsonNode spec = pod.path("spec");
        JsonNode status = pod.path("status");
        List<String> ips = new ArrayList<>();
        for (JsonNode ip : elements(status.path("podIPs"))) {
            String v = nullableText(ip, "ip");
            if (v != null) {
                ips.add(v);
            }
        }
        if (ips.isEmpty() && !text(status, "podIP").isEmpty()) {
            ips.add(text(status, "podIP"));
        }
        List<KubePod.KubeContainerPort> ports = new ArrayList<>();
        addPorts(spec.path("containers"), ports);
        addPorts(spec.path("initContainers"), ports);
        JsonNode annotations = m.path("annotations");
        return new KubePod(
                text(m, "namespace"), text(m, "name"), text(m, "uid"), text(m, "resourceVersion"),
                text(spec, "nodeName"),
                spec.path("hostNetwork").asBoolean(false),
                text(status, "phase"),
                present(m.get("deletionTimestamp")),
                stringMap(m.path("labels")),
                ips,
                nullableText(annotations, KubePod.ANNOTATION_POD_IP),
                nullableText(annotations, KubePod.ANNOTATION_POD_IPS),
                text(spec, "serviceAccountName"),
                ports);
    }

    /** Named ports with a number; the protocol as written (TCP when absent). */
    private static void addPorts(JsonNode containers, List<KubePod.KubeContainerPort> out) {
        for (JsonNode c : elements(containers)) {
            for (JsonNode p : elements(c.path("ports"))) {
                String name = text(p, "name");
                Integer number = integer(p, "containerPort");
                if (!name.isEmpty() && number != null) {
                    String protocol = nullableText(p, "protocol");
                    out.add(new KubePod.KubeContainerPort(name, number, protocol == null ? "TCP" : protocol));
                }
            }
        }
    }

    public static KubeNamespace namespace(JsonNode ns) {
        JsonNode m = ns.path("metadata");
        return new KubeNamespace(text(m, "name"), text(m, "uid"), text(m, "resourceVersion"), stringMap(m.path("labels")));
    }

    public static KubeNode node(JsonNode node) {
        JsonNode m = node.path("metadata");
        List<KubeNode.Address> addresses = new ArrayList<>();
        for (JsonNode a : elements(node.path("status").path("addresses"))) {
            addresses.add(new KubeNode.Address(text(a, "address"), text(a, "type")));
        }
        JsonNode spec = node.path("spec");
        return new KubeNode(text(m, "name"), text(m, "uid"), text(m, "resourceVersion"), stringMap(m.path("labels")),
                text(spec, "podCIDR"), strings(spec.path("podCIDRs")), addresses);
    }

    public static KubeNetworkPolicy networkPolicy(JsonNode np) {
        JsonNode m = np.path("metadata");
        JsonNode spec = np.path("spec");
        List<KubeNetworkPolicy.RuleSpec> ingress = new ArrayList<>();
        for (JsonNode r : elements(spec.path("ingress"))) {
            ingress.add(new KubeNetworkPolicy.RuleSpec(ports(r.path("ports")), peers(r.path("from"))));
        }
        List<KubeNetworkPolicy.RuleSpec> egress = new ArrayList<>();
        for (JsonNode r : elements(spec.path("egress"))) {
            egress.add(new KubeNetworkPolicy.RuleSpec(ports(r.path("ports")), peers(r.path("to"))));
        }
        KubeLabelSelector podSelector = present(spec.get("podSelector")) ? selector(spec.get("podSelector")) : KubeLabelSelector.EMPTY;
        return new KubeNetworkPolicy(text(m, "namespace"), text(m, "name"), text(m, "uid"), text(m, "resourceVersion"),
                text(m, "creationTimestamp"), podSelector, strings(spec.path("policyTypes")), ingress, egress);
    }

    /** A port is a number or a name (IntOrString); anything else counts as absent. */
    private static List<KubeNetworkPolicy.PortSpec> ports(JsonNode ports) {
        List<KubeNetworkPolicy.PortSpec> out = new ArrayList<>();
        for (JsonNode p : elements(ports)) {
            JsonNode port = p.path("port");
            Integer number = port.isIntegralNumber() && port.canConvertToInt() ? Integer.valueOf(port.intValue()) : null;
            String name = port.isString() ? port.asString() : null;
            out.add(new KubeNetworkPolicy.PortSpec(nullableText(p, "protocol"), number, name, integer(p, "endPort")));
        }
        return out;
    }

    private static List<KubeNetworkPolicy.Peer> peers(JsonNode peers) {
        List<KubeNetworkPolicy.Peer> out = new ArrayList<>();
        for (JsonNode p : elements(peers)) {
            JsonNode b = p.get("ipBlock");
            out.add(new KubeNetworkPolicy.Peer(
                    present(p.get("podSelector")) ? selector(p.get("podSelector")) : null,
                    present(p.get("namespaceSelector")) ? selector(p.get("namespaceSelector")) : null,
                    present(b) ? new KubeNetworkPolicy.IpBlock(text(b, "cidr"), strings(b.path("except"))) : null));
        }
        return out;
    }

    static KubeLabelSelector selector(JsonNode s) {
        List<KubeLabelSelector.Requirement> reqs = new ArrayList<>();
        for (JsonNode r : elements(s.path("matchExpressions"))) {
            reqs.add(new KubeLabelSelector.Requirement(text(r, "key"), text(r, "operator"), strings(r.path("values"))));
        }
        return new KubeLabelSelector(stringMap(s.path("matchLabels")), reqs);
    }

    private static boolean present(JsonNode n) {
        return n != null && !n.isNull() && !n.isMissingNode();
    }

    /** The elements of an array; nothing for anything else (absent, null). */
    private static Iterable<JsonNode> elements(JsonNode n) {
        return n.isArray() ? n : List.of();
    }

    private static String nullableText(JsonNode parent, String field) {
        JsonNode v = parent.get(field);
        return present(v) ? v.asString() : null;
    }

    private static String text(JsonNode parent, String field) {
        String v = nullableText(parent, field);
        return v == null ? "" : v;
    }

    private static Integer integer(JsonNode parent, String field) {
        JsonNode v = parent.path(field);
        return v.isIntegralNumber() && v.canConvertToInt() ? Integer.valueOf(v.intValue()) : null;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : elements(array)) {
            if (present(v)) {
                out.add(v.asString());
            }
        }
        return out;
    }

    private static Map<String, String> stringMap(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        if (object.isObject()) {
            for (Map.Entry<String, JsonNode> e : object.properties()) {
                if (present(e.getValue())) {
                    out.put(e.getKey(), e.getValue().asString());
                }
            }
        }
        return out;
    }
}
