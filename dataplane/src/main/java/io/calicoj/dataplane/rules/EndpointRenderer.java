package io.calicoj.dataplane.rules;

import io.calicoj.dataplane.api.TierInfo;
import io.calicoj.dataplane.iptables.Action;
import io.calicoj.dataplane.iptables.Chain;
import io.calicoj.dataplane.iptables.Match;
import io.calicoj.dataplane.iptables.Rule;
import io.calicoj.model.Port;
import io.calicoj.model.felix.PolicyId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Per-endpoint chains, as Felix's {@code rules/endpoints.go}: {@code cali-tw-<iface>} (to the
 * workload: ingress policy) and {@code cali-fw-<iface>} (from it: egress policy); for host
 * endpoints {@code cali-th-<iface>} (egress policy) and {@code cali-fh-<iface>} (ingress policy),
 * with a jump to the failsafe chain. Each chain: conntrack ESTABLISHED,RELATED accepted and
 * INVALID dropped; the accept and pass bits cleared; for traffic from a workload, VXLAN and IPIP
 * dropped unless allowed; then one block per tier that has a policy for this direction
 * ("Start of tier", jump to each policy while the pass bit is clear, return once one accepted,
 * "Drop if no policies passed packet"); then each profile (return once one accepted); then drop.
 * A tier whose policies all pass goes on to the profiles.
 */
public final class EndpointRenderer {

    private final RulesConfig config;

    public EndpointRenderer(RulesConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** {@code cali-tw-<iface>} then {@code cali-fw-<iface>}. */
    public List<Chain> workloadChains(String iface, List<TierInfo> tiers, List<String> profileIds) {
        return List.of(
                endpointChain(ChainNames.endpoint(ChainNames.TO_WORKLOAD, iface), tiers, true, profileIds,
                        ChainNames.PROFILE_INBOUND, null, false),
                endpointChain(ChainNames.endpoint(ChainNames.FROM_WORKLOAD, iface), tiers, false, profileIds,
                        ChainNames.PROFILE_OUTBOUND, null, true));
    }

    /** {@code cali-th-<iface>} (egress policy, failsafe-out) then {@code cali-fh-<iface>} (ingress, failsafe-in). */
    public List<Chain> hostChains(String iface, List<TierInfo> tiers, List<String> profileIds) {
        return List.of(
                endpointChain(ChainNames.endpoint(ChainNames.TO_HOST, iface), tiers, false, profileIds,
                        ChainNames.PROFILE_OUTBOUND, ChainNames.FAILSAFE_OUT, false),
                endpointChain(ChainNames.endpoint(ChainNames.FROM_HOST, iface), tiers, true, profileIds,
                        ChainNames.PROFILE_INBOUND, ChainNames.FAILSAFE_IN, false));
    }

    private Chain endpointChain(String name, List<TierInfo> tiers, boolean ingress, List<String> profileIds,
                                String profilePrefix, String failsafeChain, boolean fromWorkload) {
        MarkBits marks = config.marks();
        List<Rule> rules = new ArrayList<>();
        if (config.filterAllowAction() != Action.ACCEPT) {
            rules.add(Rule.of(Match.any().conntrackState("RELATED,ESTABLISHED"), Action.setMark(marks.accept())));
        }
        rules.add(Rule.of(Match.any().conntrackState("RELATED,ESTABLISHED"), config.filterAllowAction()));
        if (!config.disableConntrackInvalidCheck()) {
            rules.add(Rule.of(Match.any().conntrackState("INVALID"), Action.DROP));
        }
        if (failsafeChain != null) {
            rules.add(Rule.of(Action.jump(failsafeChain)));
        }
        rules.add(Rule.of(Action.clearMark(marks.accept() | marks.pass())));
        if (fromWorkload && !config.allowVxlanPacketsFromWorkloads()) {
            rules.add(Rule.of(Match.any().protocol("17").destPorts(List.of(Port.single(config.vxlanPort()))), Action.DROP,
                    "Drop VXLAN encapped packets originating in workloads"));
        }
        if (fromWorkload && !config.allowIpipPacketsFromWorkloads()) {
            rules.add(Rule.of(Match.any().protocol("4"), Action.DROP, "Drop IPinIP encapped packets originating in workloads"));
        }
        String policyPrefix = ingress ? ChainNames.POLICY_INBOUND : ChainNames.POLICY_OUTBOUND;
        for (TierInfo tier : tiers) {
            List<PolicyId> policies = ingress ? tier.ingressPolicies() : tier.egressPolicies();
            if (policies.isEmpty()) {
                continue;
            }
            rules.add(Rule.of(Action.clearMark(marks.pass()), "Start of tier " + tier.name()));
            for (PolicyId p : policies) {
                rules.add(Rule.of(Match.any().markClear(marks.pass()), Action.jump(ChainNames.policy(policyPrefix, p))));
                rules.add(Rule.of(Match.any().markSingleBitSet(marks.accept()), Action.RETURN, "Return if policy accepted"));
            }
            rules.add(Rule.of(Match.any().markClear(marks.pass()), Action.DROP, "Drop if no policies passed packet"));
        }
        for (String profile : profileIds) {
            rules.add(Rule.of(Action.jump(ChainNames.profile(profilePrefix, profile))));
            rules.add(Rule.of(Match.any().markSingleBitSet(marks.accept()), Action.RETURN, "Return if profile accepted"));
        }
        rules.add(Rule.of(Action.DROP, "Drop if no profiles matched"));
        return new Chain(name, rules);
    }
}
