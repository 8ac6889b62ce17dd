package io.calicoj.cli.resource;

import io.calicoj.cli.codec.GoFloats;
import io.calicoj.model.GlobalNetworkPolicy;
import io.calicoj.model.HostEndpoint;
import io.calicoj.model.IpPool;
import io.calicoj.model.NetworkPolicy;
import io.calicoj.model.Node;
import io.calicoj.model.PolicySpec;
import io.calicoj.model.Profile;
import io.calicoj.model.ResourceKind;
import io.calicoj.model.WorkloadEndpoint;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The resource kinds calicoctl handles, in one explicit list: names (calicoctl's aliases), table
 * headings and cell values.
 *
 * <p>Workload endpoints print as on Calico's "etcdless" install page
 * ({@code HOSTNAME ORCHESTRATOR WORKLOAD NAME}, WORKLOAD {@code <namespace>.<pod>}, NAME the
 * endpoint {@code eth0}; {@code -o wide} adds {@code NETWORKS NATS INTERFACE PROFILES}; {@code NODE}
 * is accepted for {@code HOSTNAME}); every other kind has modern calicoctl's (v3) columns. A
 * {@code NAMESPACE} column is valid for namespaced kinds.
 */
public final class ResourceKinds {

    /** What {@code {{.Spec.Order}}} prints for a policy without an order. */
    static final String NO_ORDER = "<nil>";
    /** calicoctl's ASN column when a node inherits the (absent) global AS number. */
    static final String DEFAULT_ASN = "(64512)";

    private static final List<KindInfo> KINDS = List.of(
            new KindInfo(ResourceKind.WORKLOAD_ENDPOINT,
                    List.of("workloadendpoint", "workloadendpoints", "wep", "weps"),
                    List.of("HOSTNAME", "ORCHESTRATOR", "WORKLOAD", "NAME"),
                    List.of("HOSTNAME", "ORCHESTRATOR", "WORKLOAD", "NAME", "NETWORKS", "NATS", "INTERFACE", "PROFILES"),
                    List.of(namespace(),
                            wep("HOSTNAME", s -> s.spec().node()),
                            wep("NODE", s -> s.spec().node()),
                            wep("ORCHESTRATOR", s -> s.spec().orchestrator()),
                            wep("WORKLOAD", s -> s.spec().workload().isEmpty() ? s.workloadId() : s.spec().workload()),
                            wep("NAME", s -> s.spec().endpoint()),
                            wep("NETWORKS", s -> join(s.spec().ipNetworks(), Object::toString)),
                            wep("NATS", s -> join(s.spec().ipNats(), n -> n.internalIp() + "<>" + n.externalIp())),
                            wep("INTERFACE", s -> s.spec().interfaceName()),
                            wep("PROFILES", s -> String.join(",", s.spec().profiles())),
                            wep("IPV4GATEWAY", s -> s.spec().ipv4Gateway()),
                            wep("IPV6GATEWAY", s -> s.spec().ipv6Gateway()),
                            wep("MAC", s -> s.spec().mac()))),
            new KindInfo(ResourceKind.NETWORK_POLICY,
                    List.of("networkpolicy", "networkpolicies", "policy", "policies", "pol", "pols", "np"),
                    List.of("NAME"),
                    List.of("NAME", "ORDER", "SELECTOR"),
                    List.of(namespace(), name(),
                            policy("TIER", PolicySpec::tier),
                            policy("ORDER", ResourceKinds::order),
                            policy("SELECTOR", s -> s.selector().text()))),
            new KindInfo(ResourceKind.GLOBAL_NETWORK_POLICY,
                    List.of("globalnetworkpolicy", "globalnetworkpolicies", "gnp", "gnps"),
                    List.of("NAME"),
                    List.of("NAME", "ORDER", "SELECTOR"),
                    List.of(name(),
                            policy("TIER", PolicySpec::tier),
                            policy("ORDER", ResourceKinds::order),
                            policy("SELECTOR", s -> s.selector().text()))),
            new KindInfo(ResourceKind.PROFILE,
                    List.of("profile", "profiles", "pro", "pros"),
                    List.of("NAME"),
                    List.of("NAME", "LABELS"),
                    List.of(name(),
                            new Column("LABELS", r -> ((Profile) r).spec().labelsToApply().entrySet().stream()
                                    .map(e -> e.getKey() + "=" + e.getValue()).sorted().collect(Collectors.joining(","))))),
            new KindInfo(ResourceKind.NODE,
                    List.of("node", "nodes", "no", "nos"),
                    List.of("NAME"),
                    List.of("NAME", "ASN", "IPV4", "IPV6"),
                    List.of(name(),
                            node("ASN", b -> b.asNumber().isEmpty() ? DEFAULT_ASN : b.asNumber()),
                            node("IPV4", Node.Bgp::ipv4Address),
                            node("IPV6", Node.Bgp::ipv6Address))),
            new KindInfo(ResourceKind.HOST_ENDPOINT,
                    List.of("hostendpoint", "hostendpoints", "hep", "heps"),
                    List.of("NAME", "NODE"),
                    List.of("NAME", "NODE", "INTERFACE", "IPS", "PROFILES"),
                    List.of(name(),
                            hep("NODE", s -> s.node()),
                            hep("INTERFACE", s -> s.interfaceName()),
                            hep("IPS", s -> join(s.expectedIps(), Object::toString)),
                            hep("PROFILES", s -> String.join(",", s.profiles())))),
            new KindInfo(ResourceKind.IP_POOL,
                    List.of("ippool", "ippools", "ipp", "ipps", "pool", "pools"),
                    List.of("NAME", "CIDR", "SELECTOR"),
                    List.of("NAME", "CIDR", "NAT", "IPIPMODE", "VXLANMODE", "DISABLED", "DISABLEBGPEXPORT", "SELECTOR"),
                    List.of(name(),
                            pool("CIDR", s -> s.cidr().toString()),
                            pool("NAT", s -> Boolean.toString(s.natOutgoing())),
                            pool("IPIPMODE", s -> s.ipipMode().isEmpty() ? "Never" : s.ipipMode()),
                            pool("VXLANMODE", s -> s.vxlanMode().isEmpty() ? "Never" : s.vxlanMode()),
                            pool("DISABLED", s -> Boolean.toString(s.disabled())),
                            pool("DISABLEBGPEXPORT", s -> "false"),
                            pool("SELECTOR", IpPool.Spec::nodeSelector))),
            new KindInfo(ResourceKind.FELIX_CONFIGURATION,
                    List.of("felixconfiguration", "felixconfigurations", "felixconfig", "felixconfigs"),
                    List.of("NAME"),
                    List.of("NAME"),
                    List.of(name())));

    private ResourceKinds() {
    }

    public static List<KindInfo> all() {
        return KINDS;
    }

    /** The kind a user typed ({@code wep}, {@code Policies}, …), or empty when unknown. */
    public static Optional<KindInfo> byName(String name) {
        return KINDS.stream().filter(k -> k.isNamed(name)).findFirst();
    }

    public static KindInfo of(ResourceKind kind) {
        return KINDS.stream().filter(k -> k.kind() == kind).findFirst()
                .orElseThrow(() -> new IllegalStateException("no calicoctl kind for " + kind));
    }

    // ---- cell helpers --------------------------------------------------------------------

    private static Column name() {
        return new Column("NAME", r -> r.metadata().name());
    }

    private static Column namespace() {
        return new Column("NAMESPACE", r -> r.metadata().namespace());
    }

    private static Column wep(String heading, Function<WorkloadEndpoint, String> f) {
        return new Column(heading, r -> f.apply((WorkloadEndpoint) r));
    }

    private static Column policy(String heading, Function<PolicySpec, String> f) {
        return new Column(heading, r -> f.apply(r instanceof NetworkPolicy np ? np.spec() : ((GlobalNetworkPolicy) r).spec()));
    }

    private static Column node(String heading, Function<Node.Bgp, String> f) {
        return new Column(heading, r -> {
            Node.Bgp bgp = ((Node) r).spec().bgp();
            return bgp == null ? "" : f.apply(bgp);
        });
    }

    private static Column hep(String heading, Function<HostEndpoint.Spec, String> f) {
        return new Column(heading, r -> f.apply(((HostEndpoint) r).spec()));
    }

    private static Column pool(String heading, Function<IpPool.Spec, String> f) {
        return new Column(heading, r -> f.apply(((IpPool) r).spec()));
    }

    /** Go's {@code fmt.Print} of a {@code *float64}: {@code 100}, {@code 100.5}, {@code 1e+06}. */
    private static String order(PolicySpec s) {
        return s.order() == null ? NO_ORDER : GoFloats.formatG(s.order());
    }

    private static <T> String join(List<T> items, Function<T, String> f) {
        return items.stream().map(f).collect(Collectors.joining(","));
    }
}
