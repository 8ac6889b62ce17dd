package io.calicoj.cli.codec;

import io.calicoj.model.Cidr;
import io.calicoj.model.EndpointPort;
import io.calicoj.model.EntityRule;
import io.calicoj.model.FelixConfiguration;
import io.calicoj.model.GlobalNetworkPolicy;
import io.calicoj.model.HostEndpoint;
import io.calicoj.model.IcmpMatch;
import io.calicoj.model.IpAddress;
import io.calicoj.model.IpNat;
import io.calicoj.model.IpPool;
import io.calicoj.model.NetworkPolicy;
import io.calicoj.model.Node;
import io.calicoj.model.ObjectMeta;
import io.calicoj.model.PolicySpec;
import io.calicoj.model.PolicyType;
import io.calicoj.model.Port;
import io.calicoj.model.Profile;
import io.calicoj.model.Protocol;
import io.calicoj.model.Resource;
import io.calicoj.model.ResourceKind;
import io.calicoj.model.Rule;
import io.calicoj.model.SelectorExpression;
import io.calicoj.model.WorkloadEndpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Calico v3 resources as the tree calicoctl prints: the field names of Calico's API types
 * ({@code projectcalico.org/v3}), in their Go struct order (JSON keeps it, YAML sorts), with Go's
 * {@code omitempty} rules: absent optional fields are left out, a rule's {@code source} and
 * {@code destination} are always present ({@code {}} when empty), {@code creationTimestamp} is
 * {@code null} when unknown, and workload endpoint ports always carry {@code hostPort} and {@code hostIP}.
 */
public final class ResourceEncoder {

    private ResourceEncoder() {
    }

    /** One resource: {@code kind}, {@code apiVersion}, {@code metadata}, {@code spec}. */
    public static Map<String, Object> encode(Resource r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", r.kind().kindName());
        m.put("apiVersion", ResourceKind.API_VERSION);
        m.put("metadata", metadata(r.metadata()));
        m.put("spec", spec(r));
        return m;
    }

    /** A listing: {@code <Kind>List} with the resources as {@code items}. */
    public static Map<String, Object> encodeList(ResourceKind kind, List<? extends Resource> items) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind.kindName() + "List");
        m.put("apiVersion", ResourceKind.API_VERSION);
        m.put("metadata", new LinkedHashMap<>());
        m.put("items", items.stream().<Object>map(ResourceEncoder::encode).toList());
        return m;
    }

    private static Map<String, Object> metadata(ObjectMeta meta) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", meta.name());
        putIfNotEmpty(m, "namespace", meta.namespace());
        putIfNotEmpty(m, "uid", meta.uid());
        putIfNotEmpty(m, "resourceVersion", meta.resourceVersion());
        m.put("creationTimestamp", meta.creationTimestamp().isEmpty() ? null : meta.creationTimestamp());
        if (!meta.labels().isEmpty()) {
            m.put("labels", new TreeMap<>(meta.labels()));
        }
        if (!meta.annotations().isEmpty()) {
            m.put("annotations", new TreeMap<>(meta.annotations()));
        }
        return m;
    }

    private static Map<String, Object> spec(Resource r) {
        if (r instanceof NetworkPolicy np) {
            return policySpec(np.spec(), false);
        }
        if (r instanceof GlobalNetworkPolicy gnp) {
            return policySpec(gnp.spec(), true);
        }
        if (r instanceof Profile p) {
            return profileSpec(p.spec());
        }
        if (r instanceof WorkloadEndpoint wep) {
            return workloadEndpointSpec(wep.spec());
        }
        if (r instanceof HostEndpoint hep) {
            return hostEndpointSpec(hep.spec());
        }
        if (r instanceof Node node) {
            return nodeSpec(node.spec());
        }
        if (r instanceof IpPool pool) {
            return ipPoolSpec(pool.spec());
        }
        return felixConfigurationSpec(((FelixConfiguration) r).spec());
    }

    private static Map<String, Object> policySpec(PolicySpec s, boolean global) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tier", s.tier());
        if (s.order() != null) {
            m.put("order", s.order());
        }
        putRules(m, "ingress", s.ingress());
        putRules(m, "egress", s.egress());
        putIfNotEmpty(m, "selector", s.selector().text());
        m.put("types", s.types().stream().map(PolicyType::calicoName).toList());
        if (global) {
            putIfTrue(m, "doNotTrack", s.doNotTrack());
            putIfTrue(m, "preDNAT", s.preDnat());
            putIfTrue(m, "applyOnForward", s.applyOnForward());
            if (s.namespaceSelector() != null) {
                putIfNotEmpty(m, "namespaceSelector", s.namespaceSelector().text());
            }
        }
        return m;
    }

    private static void putRules(Map<String, Object> m, String key, List<Rule> rules) {
        if (!rules.isEmpty()) {
            m.put(key, rules.stream().<Object>map(ResourceEncoder::rule).toList());
        }
    }

    static Map<String, Object> rule(Rule r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", r.action().calicoName());
        if (r.ipVersion() != null) {
            m.put("ipVersion", r.ipVersion());
        }
        if (r.protocol() != null) {
            m.put("protocol", protocol(r.protocol()));
        }
        if (r.icmp() != null) {
            m.put("icmp", icmp(r.icmp()));
        }
        if (r.notProtocol() != null) {
            m.put("notProtocol", protocol(r.notProtocol()));
        }
        if (r.notIcmp() != null) {
            m.put("notICMP", icmp(r.notIcmp()));
        }
        m.put("source", entityRule(r.source()));
        m.put("destination", entityRule(r.destination()));
        return m;
    }

    /** Calico's {@code Uint8OrString}: a name, or a number for protocols without one. */
    private static Object protocol(Protocol p) {
        return p.name().equals(Integer.toString(p.number())) ? (Object) p.number() : p.name();
    }

    private static Map<String, Object> icmp(IcmpMatch icmp) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", icmp.type());
        if (icmp.code() != null) {
            m.put("code", icmp.code());
        }
        return m;
    }

    private static Map<String, Object> entityRule(EntityRule e) {
        Map<String, Object> m = new LinkedHashMap<>();
        putList(m, "nets", e.nets(), Cidr::toString);
        putSelector(m, "selector", e.selector());
        putSelector(m, "namespaceSelector", e.namespaceSelector());
        putList(m, "ports", e.ports(), ResourceEncoder::port);
        putList(m, "notNets", e.notNets(), Cidr::toString);
        putSelector(m, "notSelector", e.notSelector());
        putList(m, "notPorts", e.notPorts(), ResourceEncoder::port);
        return m;
    }

    /** Calico's {@code numorstring.Port}: a number for a single port, otherwise {@code "min:max"} or the name. */
    private static Object port(Port p) {
        return !p.isNamed() && p.min() == p.max() ? (Object) p.min() : p.toString();
    }

    private static Map<String, Object> profileSpec(Profile.Spec s) {
        Map<String, Object> m = new LinkedHashMap<>();
        putRules(m, "ingress", s.ingress());
        putRules(m, "egress", s.egress());
        if (!s.labelsToApply().isEmpty()) {
            m.put("labelsToApply", new TreeMap<>(s.labelsToApply()));
        }
        return m;
    }

    private static Map<String, Object> workloadEndpointSpec(WorkloadEndpoint.Spec s) {
        Map<String, Object> m = new LinkedHashMap<>();
        putIfNotEmpty(m, "orchestrator", s.orchestrator());
        putIfNotEmpty(m, "workload", s.workload());
        putIfNotEmpty(m, "node", s.node());
        putIfNotEmpty(m, "containerID", s.containerId());
        putIfNotEmpty(m, "pod", s.pod());
        putIfNotEmpty(m, "endpoint", s.endpoint());
        putIfNotEmpty(m, "serviceAccountName", s.serviceAccountName());
        putList(m, "ipNetworks", s.ipNetworks(), Cidr::toString);
        putList(m, "ipNATs", s.ipNats(), ResourceEncoder::ipNat);
        putIfNotEmpty(m, "ipv4Gateway", s.ipv4Gateway());
        putIfNotEmpty(m, "ipv6Gateway", s.ipv6Gateway());
        putList(m, "profiles", s.profiles(), Function.identity());
        putIfNotEmpty(m, "interfaceName", s.interfaceName());
        putIfNotEmpty(m, "mac", s.mac());
        putList(m, "ports", s.ports(), p -> endpointPort(p, true));
        return m;
    }

    private static Map<String, Object> ipNat(IpNat nat) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("internalIP", nat.internalIp().toString());
        m.put("externalIP", nat.externalIp().toString());
        return m;
    }

    private static Map<String, Object> endpointPort(EndpointPort p, boolean workload) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("protocol", protocol(p.protocol()));
        m.put("port", p.port());
        if (workload) {
            m.put("hostPort", 0);
            m.put("hostIP", "");
        }
        return m;
    }

    private static Map<String, Object> hostEndpointSpec(HostEndpoint.Spec s) {
        Map<String, Object> m = new LinkedHashMap<>();
        putIfNotEmpty(m, "node", s.node());
        putIfNotEmpty(m, "interfaceName", s.interfaceName());
        putList(m, "expectedIPs", s.expectedIps(), IpAddress::toString);
        putList(m, "profiles", s.profiles(), Function.identity());
        putList(m, "ports", s.ports(), p -> endpointPort(p, false));
        return m;
    }

    private static Map<String, Object> nodeSpec(Node.Spec s) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (s.bgp() != null) {
            Map<String, Object> bgp = new LinkedHashMap<>();
            if (!s.bgp().asNumber().isEmpty()) {
                bgp.put("asNumber", asNumber(s.bgp().asNumber()));
            }
            putIfNotEmpty(bgp, "ipv4Address", s.bgp().ipv4Address());
            putIfNotEmpty(bgp, "ipv6Address", s.bgp().ipv6Address());
            m.put("bgp", bgp);
        }
        putList(m, "addresses", s.addresses(), a -> {
            Map<String, Object> am = new LinkedHashMap<>();
            am.put("address", a.address());
            am.put("type", a.type());
            return am;
        });
        return m;
    }

    /** Calico's {@code numorstring.ASNumber} is a number in JSON. */
    private static Object asNumber(String as) {
        try {
            return Long.parseLong(as);
        } catch (NumberFormatException e) {
            return as;
        }
    }

    private static Map<String, Object> ipPoolSpec(IpPool.Spec s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cidr", s.cidr().toString());
        putIfNotEmpty(m, "vxlanMode", s.vxlanMode());
        putIfNotEmpty(m, "ipipMode", s.ipipMode());
        putIfTrue(m, "natOutgoing", s.natOutgoing());
        putIfTrue(m, "disabled", s.disabled());
        if (s.blockSize() != 0) {
            m.put("blockSize", s.blockSize());
        }
        putIfNotEmpty(m, "nodeSelector", s.nodeSelector());
        return m;
    }

    /**
     * Felix settings are kept as text; they print as Calico types them: {@code true}/{@code false}
     * as booleans, whole numbers as numbers, everything else (durations such as {@code 90s},
     * levels, lists) as strings.
     */
    private static Map<String, Object> felixConfigurationSpec(Map<String, String> spec) {
        Map<String, Object> m = new TreeMap<>();
        spec.forEach((k, v) -> m.put(k, felixValue(v)));
        return m;
    }

    static Object felixValue(String v) {
        if (v.equals("true") || v.equals("false")) {
            return Boolean.valueOf(v);
        }
        if (v.matches("-?(0|[1-9][0-9]{0,17})")) {
            return Long.parseLong(v);
        }
        return v;
    }

    private static <T> void putList(Map<String, Object> m, String key, List<T> values, Function<T, ?> f) {
        if (!values.isEmpty()) {
            List<Object> out = new ArrayList<>(values.size());
            for (T v : values) {
                out.add(f.apply(v));
            }
            m.put(key, out);
        }
    }

    private static void putSelector(Map<String, Object> m, String key, SelectorExpression s) {
        if (s != null) {
            putIfNotEmpty(m, key, s.text());
        }
    }

    private static void putIfNotEmpty(Map<String, Object> m, String key, String value) {
        if (!value.isEmpty()) {
            m.put(key, value);
        }
    }

    private static void putIfTrue(Map<String, Object> m, String key, boolean value) {
        if (value) {
            m.put(key, true);
        }
    }
}
