package io.calicoj.model.k8s;

import io.calicoj.model.Action;
import io.calicoj.model.Cidr;
import io.calicoj.model.EntityRule;
import io.calicoj.model.InvalidResourceException;
import io.calicoj.model.NetworkPolicy;
import io.calicoj.model.ObjectMeta;
import io.calicoj.model.PolicySpec;
import io.calicoj.model.PolicyType;
import io.calicoj.model.Port;
import io.calicoj.model.Protocol;
import io.calicoj.model.Rule;
import io.calicoj.model.SelectorExpression;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Kubernetes NetworkPolicy {@code ns/name} → Calico NetworkPolicy {@code knp.default.name} in
 * namespace {@code ns}, order 1000, as modern Calico converts it. Each Kubernetes rule becomes one
 * Calico allow rule per (protocol, peer) pair: protocols in name order, a missing protocol is TCP,
 * and each protocol's ports are merged into ranges.
 *
 * <p>Errors name the policy, the field and the value. An error in the policy as a whole (its pod
 * selector or policy types) rejects the policy: {@link #toCalico} throws. An error inside one
 * Kubernetes rule (a bad port, CIDR or peer selector) drops that rule alone and reports it in
 * {@link ConvertedPolicy#droppedRules()}: every rule allows, so dropping one never widens access
 * (Calico itself turns a bad CIDR into "match anything"; we do not).
 */
public final class NetworkPolicyConverter {

    public static final String NAME_PREFIX = "knp.default.";
    public static final double ORDER = 1000.0;

    private NetworkPolicyConverter() {
    }

    public static String policyName(String kubernetesName) {
        return NAME_PREFIX + kubernetesName;
    }

    /**
     * @throws InvalidResourceException when the policy as a whole cannot be converted
     */
    public static ConvertedPolicy toCalico(KubeNetworkPolicy np) {
        String object = "NetworkPolicy " + np.qualifiedName();
        try {
            List<InvalidResourceException> dropped = new ArrayList<>();
            NetworkPolicy policy = convert(np, dropped);
            return new ConvertedPolicy(policy, dropped.stream().map(e -> e.forObject(object)).toList());
        } catch (InvalidResourceException e) {
            throw e.forObject(object);
        }
    }

    private static NetworkPolicy convert(KubeNetworkPolicy np, List<InvalidResourceException> dropped) {
        SelectorExpression selector = podSelector("spec.podSelector", np.podSelector());
        List<PolicyType> types = types(np);
        List<Rule> ingress = new ArrayList<>();
        List<Rule> egress = new ArrayList<>();
        if (types.contains(PolicyType.INGRESS)) {
            for (int i = 0; i < np.ingress().size(); i++) {
                convertRule("spec.ingress[" + i + "]", "from", np.ingress().get(i), PolicyType.INGRESS, ingress, dropped);
            }
        }
        if (types.contains(PolicyType.EGRESS)) {
            for (int i = 0; i < np.egress().size(); i++) {
                convertRule("spec.egress[" + i + "]", "to", np.egress().get(i), PolicyType.EGRESS, egress, dropped);
            }
        }
        ObjectMeta meta = ObjectMeta.namespaced(np.namespace(), policyName(np.name()))
                .withUid(np.uid())
                .withResourceVersion(np.resourceVersion())
                .withCreationTimestamp(np.creationTimestamp());
        return new NetworkPolicy(meta, PolicySpec.of(ORDER, selector, types, ingress, egress));
    }

    /** {@code policyTypes} as written, or the API server's default: Ingress, plus Egress when there are egress rules. */
    private static List<PolicyType> types(KubeNetworkPolicy np) {
        if (np.policyTypes().isEmpty()) {
            return np.egress().isEmpty() ? List.of(PolicyType.INGRESS) : List.of(PolicyType.INGRESS, PolicyType.EGRESS);
        }
        List<PolicyType> types = new ArrayList<>();
        for (int i = 0; i < np.policyTypes().size(); i++) {
            String t = np.policyTypes().get(i);
            PolicyType type = switch (t) {
                case "Ingress" -> PolicyType.INGRESS;
                case "Egress" -> PolicyType.EGRESS;
                default -> throw new InvalidResourceException("spec.policyTypes[" + i + "]", t, "must be Ingress or Egress");
            };
            if (!types.contains(type)) {
                types.add(type);
            }
        }
        return types;
    }

    private static void convertRule(String field, String peersField, KubeNetworkPolicy.RuleSpec rule,
                                    PolicyType direction, List<Rule> out, List<InvalidResourceException> dropped) {
        try {
            out.addAll(rules(field, peersField, rule, direction));
        } catch (InvalidResourceException e) {
            dropped.add(e);
        }
    }

    private static List<Rule> rules(String field, String peersField, KubeNetworkPolicy.RuleSpec rule, PolicyType direction) {
        Map<Protocol, List<Port>> byProtocol = ports(field, rule.ports());
        List<EntityRule> peers = new ArrayList<>();
        for (int i = 0; i < rule.peers().size(); i++) {
            peers.add(peer(field + "." + peersField + "[" + i + "]", rule.peers().get(i)));
        }
        if (peers.isEmpty()) {
            peers.add(EntityRule.ANY);
        }
        List<Rule> out = new ArrayList<>();
        if (byProtocol.isEmpty()) {
            for (EntityRule peer : peers) {
                out.add(rule(direction, null, List.of(), peer));
            }
            return out;
        }
        for (Map.Entry<Protocol, List<Port>> e : byProtocol.entrySet()) {
            for (EntityRule peer : peers) {
                out.add(rule(direction, e.getKey(), e.getValue(), peer));
            }
        }
        return out;
    }

    private static Rule rule(PolicyType direction, Protocol protocol, List<Port> ports, EntityRule peer) {
        Rule allow = Rule.of(Action.ALLOW).withProtocol(protocol);
        if (direction == PolicyType.INGRESS) {
            return allow.withSource(peer).withDestination(EntityRule.ANY.withPorts(ports));
        }
        return allow.withDestination(peer.withPorts(ports));
    }

    /**
     * Ports grouped by protocol, protocols in name order (SCTP, TCP, UDP). An entry without a
     * port allows every port of its protocol, so it empties that protocol's list.
     */
    private static Map<Protocol, List<Port>> ports(String field, List<KubeNetworkPolicy.PortSpec> specs) {
        Map<Protocol, List<Port>> byProtocol = new TreeMap<>(Comparator.comparing(Protocol::name));
        Set<Protocol> allPorts = new HashSet<>();
        for (int i = 0; i < specs.size(); i++) {
            String f = field + ".ports[" + i + "]";
            KubeNetworkPolicy.PortSpec spec = specs.get(i);
            Protocol protocol = protocol(f + ".protocol", spec.protocol());
            List<Port> list = byProtocol.computeIfAbsent(protocol, p -> new ArrayList<>());
            Port port = port(f, spec);
            if (port == null) {
                allPorts.add(protocol);
            } else {
                list.add(port);
            }
        }
        byProtocol.replaceAll((protocol, list) -> allPorts.contains(protocol) ? List.of() : PortLists.simplify(list));
        return byProtocol;
    }

    private static Protocol protocol(String field, String text) {
        if (text == null) {
            return Protocol.TCP;
        }
        return switch (text) {
            case "TCP" -> Protocol.TCP;
            case "UDP" -> Protocol.UDP;
            case "SCTP" -> Protocol.SCTP;
            default -> throw new InvalidResourceException(field, text, "must be TCP, UDP or SCTP");
        };
    }

    private static Port port(String field, KubeNetworkPolicy.PortSpec spec) {
        if (spec.namedPort() != null) {
            if (spec.endPort() != null) {
                throw new InvalidResourceException(field + ".endPort", spec.endPort(), "endPort needs a numeric port");
            }
            try {
                return Port.named(spec.namedPort());
            } catch (InvalidResourceException e) {
                throw new InvalidResourceException(field + ".port", spec.namedPort(), e.reason());
            }
        }
        if (spec.port() == null) {
            if (spec.endPort() != null) {
                throw new InvalidResourceException(field + ".endPort", spec.endPort(), "endPort needs a port");
            }
            return null;
        }
        int p = spec.port();
        if (p < 1 || p > 65535) {
            throw new InvalidResourceException(field + ".port", p, "must be between 1 and 65535");
        }
        if (spec.endPort() == null) {
            return Port.single(p);
        }
        int end = spec.endPort();
        if (end < p || end > 65535) {
            throw new InvalidResourceException(field + ".endPort", end, "must be between port (" + p + ") and 65535");
        }
        return Port.range(p, end);
    }

    private static EntityRule peer(String field, KubeNetworkPolicy.Peer peer) {
        int parts = (peer.podSelector() != null || peer.namespaceSelector() != null ? 1 : 0)
                + (peer.ipBlock() != null ? 1 : 0);
        if (parts != 1) {
            throw new InvalidResourceException(field, parts == 0 ? "{}" : "ipBlock with selectors",
                    "a peer needs exactly one of podSelector/namespaceSelector or ipBlock");
        }
        if (peer.ipBlock() != null) {
            return ipBlock(field + ".ipBlock", peer.ipBlock());
        }
        // Calico always selects Kubernetes pods here, also for a peer with only a namespace selector.
        EntityRule rule = EntityRule.ANY.withSelector(podSelector(field + ".podSelector",
                peer.podSelector() == null ? KubeLabelSelector.EMPTY : peer.podSelector()));
        if (peer.namespaceSelector() != null) {
            rule = rule.withNamespaceSelector(namespaceSelector(field + ".namespaceSelector", peer.namespaceSelector()));
        }
        return rule;
    }

    private static EntityRule ipBlock(String field, KubeNetworkPolicy.IpBlock block) {
        Cidr cidr = cidr(field + ".cidr", block.cidr());
        List<Cidr> except = new ArrayList<>();
        for (int i = 0; i < block.except().size(); i++) {
            String f = field + ".except[" + i + "]";
            Cidr ex = cidr(f, block.except().get(i));
            if (ex.version() != cidr.version() || !cidr.network().contains(ex.network())) {
                throw new InvalidResourceException(f, block.except().get(i), "must be inside cidr " + block.cidr());
            }
            except.add(ex);
        }
        // Calico keeps the networks masked (10.244.1.7/4 is 0.0.0.0/4).
        return EntityRule.ANY.withNets(List.of(cidr.network())).withNotNets(except.stream().map(Cidr::network).toList());
    }

    private static Cidr cidr(String field, String text) {
        try {
            return Cidr.parse(text);
        } catch (InvalidResourceException e) {
            throw new InvalidResourceException(field, text, e.reason());
        }
    }

    private static SelectorExpression podSelector(String field, KubeLabelSelector selector) {
        try {
            return SelectorExpression.parseField(field, LabelSelectorConverter.podSelector(selector));
        } catch (InvalidResourceException e) {
            throw e.field().equals(field) ? e : e.within(field);
        }
    }

    private static SelectorExpression namespaceSelector(String field, KubeLabelSelector selector) {
        try {
            return SelectorExpression.parseField(field, LabelSelectorConverter.namespaceSelector(selector));
        } catch (InvalidResourceException e) {
            throw e.field().equals(field) ? e : e.within(field);
        }
    }
}
