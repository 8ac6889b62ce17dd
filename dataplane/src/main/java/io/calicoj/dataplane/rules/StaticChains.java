package io.calicoj.dataplane.rules;

import io.calicoj.dataplane.iptables.Action;
import io.calicoj.dataplane.iptables.Chain;
import io.calicoj.dataplane.iptables.Match;
import io.calicoj.dataplane.iptables.Rule;
import io.calicoj.model.Port;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The filter table's fixed chains and hooks, as modern Felix's {@code rules/static.go} for a
 * policy-only node (no IPIP/VXLAN/WireGuard, no IPVS, no service-loop prevention):
 *
 * <pre>
 * INPUT   -&gt; cali-INPUT:   from a workload: goto cali-wl-to-host; already accepted: accept;
 *                          clear our marks, jump cali-from-host-endpoint, accept if accepted
 * FORWARD -&gt; cali-FORWARD: clear marks but accept, host-endpoint forward policy,
 *                          -i cali+ jump cali-from-wl-dispatch, -o cali+ jump cali-to-wl-dispatch,
 *                          jump cali-to-hep-forward; FORWARD's end (appended): accepted: accept
 * OUTPUT  -&gt; cali-OUTPUT:  already accepted: accept; to a workload: return (host to pod is not
 *                          policed); clear marks, host-endpoint egress policy, accept if accepted
 * cali-wl-to-host: drop what goes to the host's loopback addresses (not DNAT'd); jump
 *                  cali-from-wl-dispatch (the workload's egress policy), then DefaultEndpointToHostAction
 * </pre>
 *
 * <p>The loopback drop is ours, not Felix's (CVE-2020-8558 class): with {@code route_localnet=1} on a
 * pod's host interface (Felix sets it, for NAT to the host's loopback) or on {@code all} (kube-proxy
 * sets it for node ports on localhost), the kernel delivers a pod's packets to {@code 127.0.0.1}, so a
 * pod could reach services the node binds to its loopback only. We do not set it (nothing here NATs
 * to the loopback) and drop such packets whoever sets it, as kube-proxy's {@code KUBE-FIREWALL} does:
 * unless conntrack says they were DNAT'd there on purpose.
 */
public final class StaticChains {

    private final RulesConfig config;

    public StaticChains(RulesConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** cali-INPUT, cali-wl-to-host, cali-failsafe-in, cali-FORWARD, cali-OUTPUT, cali-failsafe-out. */
    public List<Chain> filterChains(int ipVersion) {
        return List.of(filterInput(), workloadToHost(ipVersion), failsafe(ChainNames.FAILSAFE_IN, config.failsafeInbound()),
                filterForward(), filterOutput(), failsafe(ChainNames.FAILSAFE_OUT, config.failsafeOutbound()));
    }

    /** The rules inserted at the top of the kernel's filter chains (one jump each). */
    public Map<String, List<Rule>> filterInserts() {
        return Map.of("INPUT", List.of(Rule.of(Action.jump(ChainNames.FILTER_INPUT))),
                "FORWARD", List.of(Rule.of(Action.jump(ChainNames.FILTER_FORWARD))),
                "OUTPUT", List.of(Rule.of(Action.jump(ChainNames.FILTER_OUTPUT))));
    }

    /**
     * The rules appended to the kernel's FORWARD chain: accept what our policy accepted (so a DROP
     * default policy, e.g. Docker's, does not undo it), then set the accept bit.
     */
    public Map<String, List<Rule>> filterAppends() {
        long accept = config.marks().accept();
        return Map.of("FORWARD", List.of(
                Rule.of(Match.any().markSingleBitSet(accept), config.filterAllowAction(), "Policy explicitly accepted packet."),
                Rule.of(Action.setMark(accept))));
    }

    private List<String> workloadWildcards() {
        return config.workloadInterfacePrefixes().stream().map(p -> p + "+").toList();
    }

    private Chain filterInput() {
        List<Rule> rules = new ArrayList<>();
        for (String wildcard : workloadWildcards()) {
            rules.add(Rule.of(Match.any().inInterface(wildcard), Action.goTo(ChainNames.WORKLOAD_TO_HOST)));
        }
        long accept = config.marks().accept();
        rules.add(Rule.of(Match.any().markSingleBitSet(accept), config.filterAllowAction()));
        rules.add(Rule.of(Action.clearMark(config.marks().all())));
        rules.add(Rule.of(Action.jump(ChainNames.FROM_HOST_ENDPOINT_DISPATCH)));
        rules.add(Rule.of(Match.any().markSingleBitSet(accept), config.filterAllowAction(), "Host endpoint policy accepted packet."));
        return new Chain(ChainNames.FILTER_INPUT, rules);
    }

    private Chain workloadToHost(int ipVersion) {
        List<Rule> rules = new ArrayList<>();
        if (ipVersion == 6) {
            for (int type : new int[] {130, 131, 132, 133, 135, 136}) {
                rules.add(Rule.of(Match.any().protocol("58").icmpV6Type(type, null), config.filterAllowAction()));
            }
        }
        rules.add(Rule.of(Match.any().destNet(ipVersion == 6 ? "::1/128" : "127.0.0.0/8").notConntrackState("DNAT"), Action.DROP,
                "Drop workload traffic to the host loopback addresses"));
        rules.add(Rule.of(Action.jump(ChainNames.FROM_WORKLOAD_DISPATCH)));
        rules.add(Rule.of(config.endpointToHostAction().action(), "Configured DefaultEndpointToHostAction"));
        return new Chain(ChainNames.WORKLOAD_TO_HOST, rules);
    }

    private Chain failsafe(String name, List<ProtoPort> ports) {
        List<Rule> rules = new ArrayList<>();
        for (ProtoPort pp : ports) {
            rules.add(Rule.of(Match.any().protocol(pp.protocol()).destPorts(List.of(Port.single(pp.port()))), Action.ACCEPT));
        }
        return new Chain(name, rules);
    }

    private Chain filterForward() {
        MarkBits marks = config.marks();
        List<Rule> rules = new ArrayList<>();
        rules.add(Rule.of(Action.clearMark(marks.all() & ~marks.accept())));
        rules.add(Rule.of(Match.any().markClear(marks.accept()), Action.jump(ChainNames.FROM_HOST_ENDPOINT_FORWARD_DISPATCH)));
        for (String wildcard : workloadWildcards()) {
            rules.add(Rule.of(Match.any().inInterface(wildcard), Action.jump(ChainNames.FROM_WORKLOAD_DISPATCH)));
            rules.add(Rule.of(Match.any().outInterface(wildcard), Action.jump(ChainNames.TO_WORKLOAD_DISPATCH)));
        }
        rules.add(Rule.of(Action.jump(ChainNames.TO_HOST_ENDPOINT_FORWARD_DISPATCH)));
        return new Chain(ChainNames.FILTER_FORWARD, rules);
    }

    private Chain filterOutput() {
        long accept = config.marks().accept();
        List<Rule> rules = new ArrayList<>();
        rules.add(Rule.of(Match.any().markSingleBitSet(accept), config.filterAllowAction()));
        for (String wildcard : workloadWildcards()) {
            rules.add(Rule.of(Match.any().outInterface(wildcard), Action.RETURN));
        }
        rules.add(Rule.of(Action.clearMark(config.marks().all())));
        rules.add(Rule.of(Match.any().notConntrackState("DNAT"), Action.jump(ChainNames.TO_HOST_ENDPOINT_DISPATCH)));
        rules.add(Rule.of(Match.any().markSingleBitSet(accept), config.filterAllowAction(), "Host endpoint policy accepted packet."));
        return new Chain(ChainNames.FILTER_OUTPUT, rules);
    }

    /** The host-endpoint forward dispatch chains: empty, as forward (applyOnForward) host policy is not supported. */
    public List<Chain> hostForwardDispatchChains() {
        return List.of(new Chain(ChainNames.FROM_HOST_ENDPOINT_FORWARD_DISPATCH, List.of()),
                new Chain(ChainNames.TO_HOST_ENDPOINT_FORWARD_DISPATCH, List.of()));
    }
}
