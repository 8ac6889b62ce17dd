package io.calicoj.calc.testing;

import io.calicoj.dataplane.api.IpSetMember;
import io.calicoj.model.Action;
import io.calicoj.model.EntityRule;
import io.calicoj.model.GlobalNetworkPolicy;
import io.calicoj.model.HostEndpoint;
import io.calicoj.model.IpAddress;
import io.calicoj.model.NetworkPolicy;
import io.calicoj.model.ObjectMeta;
import io.calicoj.model.PolicySpec;
import io.calicoj.model.Port;
import io.calicoj.model.Profile;
import io.calicoj.model.Protocol;
import io.calicoj.model.Rule;
import io.calicoj.model.SelectorExpression;
import io.calicoj.model.WorkloadEndpoint;
import io.calicoj.model.felix.PolicyId;
import io.calicoj.model.k8s.KubeNamespace;
import io.calicoj.model.k8s.KubePod;
import io.calicoj.model.k8s.NamespaceConverter;
import io.calicoj.model.k8s.PodConverter;
import io.calicoj.model.selector.Selector;
import io.calicoj.model.selector.UniqueIds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Compact builders for the Calico resources, IDs and IP set members that calc tests use. */
public final class Resources {

    private Resources() {
    }

    /** {@code k1, v1, k2, v2, ...} as a map. */
    public static Map<String, String> labels(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** The profile {@code kns.<name>} of a Kubernetes namespace with these labels. */
    public static Profile namespace(String name, String... labelKv) {
        return NamespaceConverter.toProfile(new KubeNamespace(name, "uid-" + name, "1", labels(labelKv)));
    }

    public static Profile profile(String name, Map<String, String> labelsToApply, List<Rule> ingress, List<Rule> egress) {
        return new Profile(ObjectMeta.named(name), new Profile.Spec(ingress, egress, labelsToApply));
    }

    /** A container port of a pod: {@code name}, number and protocol (TCP, UDP, SCTP). */
    public static KubePod.KubeContainerPort containerPort(String name, int port, String protocol) {
        return new KubePod.KubeContainerPort(name, port, protocol);
    }

    /** The endpoint of a running pod, converted as Calico does (labels, profile kns.ns, interface name). */
    public static WorkloadEndpoint pod(String ns, String name, String node, String ip, Map<String, String> labels,
                                       KubePod.KubeContainerPort... ports) {
        KubePod pod = new KubePod(ns, name, "uid-" + ns + "-" + name, "1", node, false, "Running", false, labels,
                List.of(ip), null, null, "", Arrays.asList(ports));
        return new PodConverter().toWorkloadEndpoint(pod).orElseThrow();
    }

    /** The same endpoint with other profiles. */
    public static WorkloadEndpoint withProfiles(WorkloadEndpoint wep, String... profiles) {
        WorkloadEndpoint.Spec s = wep.spec();
        return new WorkloadEndpoint(wep.metadata(), new WorkloadEndpoint.Spec(s.orchestrator(), s.workload(), s.node(),
                s.containerId(), s.pod(), s.endpoint(), s.serviceAccountName(), s.ipNetworks(), s.ipNats(),
                s.ipv4Gateway(), s.ipv6Gateway(), List.of(profiles), s.interfaceName(), s.mac(), s.ports()));
    }

    /** The same endpoint on another node (same name, as a Calico update would carry). */
    public static WorkloadEndpoint onNode(WorkloadEndpoint wep, String node) {
        WorkloadEndpoint.Spec s = wep.spec();
        return new WorkloadEndpoint(wep.metadata(), new WorkloadEndpoint.Spec(s.orchestrator(), s.workload(), node,
                s.containerId(), s.pod(), s.endpoint(), s.serviceAccountName(), s.ipNetworks(), s.ipNats(),
                s.ipv4Gateway(), s.ipv6Gateway(), s.profiles(), s.interfaceName(), s.mac(), s.ports()));
    }

    public static HostEndpoint hostEndpoint(String name, String node, String iface, List<String> ips,
                                            Map<String, String> labels, String... profiles) {
        return new HostEndpoint(ObjectMeta.named(name).withLabels(labels), new HostEndpoint.Spec(node, iface,
                ips.stream().map(IpAddress::parse).toList(), List.of(profiles), List.of()));
    }

    public static NetworkPolicy policy(String ns, String name, Double order, String selector, List<Rule> ingress,
                                       List<Rule> egress) {
        return new NetworkPolicy(ObjectMeta.namespaced(ns, name),
                PolicySpec.of(order, SelectorExpression.parse(selector), List.of(), ingress, egress));
    }

    public static GlobalNetworkPolicy globalPolicy(String name, Double order, String selector, String namespaceSelector,
                                                   List<Rule> ingress, List<Rule> egress) {
        return new GlobalNetworkPolicy(ObjectMeta.named(name), new PolicySpec(PolicySpec.DEFAULT_TIER, order,
                SelectorExpression.parse(selector),
                namespaceSelector == null ? null : SelectorExpression.parse(namespaceSelector), List.of(), ingress,
                egress, false, false, false));
    }

    /** A rule side matching this selector. */
    public static EntityRule selector(String selector) {
        return EntityRule.ANY.withSelector(SelectorExpression.parse(selector));
    }

    /** A rule side matching this selector in namespaces matching {@code namespaceSelector}. */
    public static EntityRule selector(String selector, String namespaceSelector) {
        return selector(selector).withNamespaceSelector(SelectorExpression.parse(namespaceSelector));
    }

    /** Ports: numbers ({@code "80"}), ranges ({@code "80:90"}) and names ({@code "http"}). */
    public static List<Port> ports(String... ports) {
        List<Port> out = new ArrayList<>();
        for (String p : ports) {
            out.add(Port.parse(p));
        }
        return out;
    }

    public static Rule rule(Action action, Protocol protocol, EntityRule source, EntityRule destination) {
        return new Rule(action, null, protocol, null, null, null, source, destination);
    }

    public static Rule allowFrom(EntityRule source) {
        return rule(Action.ALLOW, null, source, EntityRule.ANY);
    }

    public static Rule allowTcpFrom(EntityRule source, String... destinationPorts) {
        return rule(Action.ALLOW, Protocol.TCP, source, EntityRule.ANY.withPorts(ports(destinationPorts)));
    }

    public static Rule allowTo(EntityRule destination) {
        return rule(Action.ALLOW, null, EntityRule.ANY, destination);
    }

    public static PolicyId policyId(String ns, String name) {
        return PolicyId.namespaced(PolicySpec.DEFAULT_TIER, ns, name);
    }

    public static PolicyId globalPolicyId(String name) {
        return PolicyId.global(PolicySpec.DEFAULT_TIER, name);
    }

    /** The ID of the selector IP set for this selector text (as Felix evaluates it). */
    public static String selectorSet(String selector) {
        return Selector.parse(selector).uniqueId();
    }

    /** The text Felix evaluates for a namespaced rule side's selector: {@code (ns == 'x') && (sel)}. */
    public static String scoped(String namespace, String selector) {
        return "(projectcalico.org/namespace == '" + namespace + "') && (" + selector + ")";
    }

    /** The ID of the named-port IP set for this filtering selector, protocol and port name. */
    public static String namedPortSet(String selector, Protocol protocol, String portName) {
        return UniqueIds.of("n", Selector.parse(selector).uniqueId() + "," + protocol.kernelName() + "," + portName);
    }

    public static IpSetMember ip(String address) {
        return new IpSetMember.Address(IpAddress.parse(address));
    }

    public static IpSetMember ipPort(String address, Protocol protocol, int port) {
        return new IpSetMember.AddressPort(IpAddress.parse(address), protocol, port);
    }
}
