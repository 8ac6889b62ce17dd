package io.calicoj.dataplane.rules;

import io.calicoj.dataplane.api.ParsedPolicy;
import io.calicoj.dataplane.api.ParsedRule;
import io.calicoj.dataplane.iptables.Action;
import io.calicoj.dataplane.iptables.Chain;
import io.calicoj.dataplane.iptables.Match;
import io.calicoj.dataplane.iptables.Rule;
import io.calicoj.dataplane.ipsets.IpSetNames;
import io.calicoj.model.Cidr;
import io.calicoj.model.IcmpMatch;
import io.calicoj.model.Port;
import io.calicoj.model.Protocol;
import io.calicoj.model.felix.PolicyId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Policy and profile chains ({@code cali-pi-}/{@code cali-po-}/{@code cali-pri-}/{@code cali-pro-}),
 * one Calico rule becoming one or more iptables rules as in Felix's {@code rules/policy.go}:
 *
 * <ul>
 *   <li>allow: the match sets the accept mark, then {@code RETURN} if it is set; pass: the same with
 *       the pass mark; deny: the match {@code DROP}s; log: the match {@code LOG}s and evaluation goes on;</li>
 *   <li>a rule of the other IP version, or whose every CIDR of a list is of the other version, is
 *       skipped; a negated catch-all CIDR skips the rule;</li>
 *   <li>what one iptables rule cannot express is split into "match blocks" that use the two scratch
 *       mark bits: more than 15 port slots (a range takes two) on a side, numeric ports or-ed with
 *       named ports ({@code hash:ip,port} sets matched {@code src,src}/{@code dst,dst}), several
 *       positive CIDRs, a positive CIDR together with negated ones, or several negated CIDRs;</li>
 *   <li>trailing {@code RETURN} rules are dropped, and the chain's first rule carries a comment
 *       naming the policy or profile (an empty chain gets one comment-only rule).</li>
 * </ul>
 */
public final class PolicyRenderer {

    static final int MULTIPORT_SLOTS = 15;

    private final RulesConfig config;

    public PolicyRenderer(RulesConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The inbound and outbound chains of a policy. */
    public List<Chain> policyChains(PolicyId id, ParsedPolicy policy, int ipVersion) {
        String kind = id.name().contains("/") ? "np" : "gnp";
        return List.of(
                new Chain(ChainNames.policy(ChainNames.POLICY_INBOUND, id),
                        chainRules(policy.inboundRules(), ipVersion, "Policy " + id.name() + " ingress", logPrefix(kind, id))),
                new Chain(ChainNames.policy(ChainNames.POLICY_OUTBOUND, id),
                        chainRules(policy.outboundRules(), ipVersion, "Policy " + id.name() + " egress", logPrefix(kind, id))));
    }

    /** The inbound and outbound chains of a profile. */
    public List<Chain> profileChains(String name, List<ParsedRule> inbound, List<ParsedRule> outbound, int ipVersion) {
        String prefix = logPrefix("pro", new PolicyId("", name));
        return List.of(
                new Chain(ChainNames.profile(ChainNames.PROFILE_INBOUND, name),
                        chainRules(inbound, ipVersion, "Profile " + name + " ingress", prefix)),
                new Chain(ChainNames.profile(ChainNames.PROFILE_OUTBOUND, name),
                        chainRules(outbound, ipVersion, "Profile " + name + " egress", prefix)));
    }

    List<Rule> chainRules(List<ParsedRule> rules, int ipVersion, String chainComment, String logPrefix) {
        List<Rule> out = new ArrayList<>();
        for (ParsedRule r : rules) {
            out.addAll(render(r, ipVersion, logPrefix));
        }
        while (!out.isEmpty() && out.get(out.size() - 1).action().isReturn()) {
            out.remove(out.size() - 1);
        }
        if (out.isEmpty()) {
            out.add(Rule.of(Action.NONE, chainComment));
        } else {
            out.set(0, out.get(0).withComment(chainComment));
        }
        return out;
    }

    /** Felix's log prefix with its {@code %t} (tier), {@code %k} (kind), {@code %n}/{@code %p} (name) specifiers. */
    private String logPrefix(String kind, PolicyId id) {
        String p = config.logPrefix().isEmpty() ? "calico-packet" : config.logPrefix();
        if (!p.contains("%")) {
            return p;
        }
        String name = id.name();
        String bare = name.contains("/") ? name.substring(name.indexOf('/') + 1) : name;
        return p.replace("%t", id.tier()).replace("%k", kind).replace("%p", name).replace("%n", bare);
    }

    /** One Calico rule as iptables rules (empty when it does not apply to this IP version). */
    public List<Rule> render(ParsedRule rule, int ipVersion) {
        return render(rule, ipVersion, config.logPrefix().isEmpty() ? "calico-packet" : config.logPrefix());
    }

    private List<Rule> render(ParsedRule rule, int ipVersion, String logPrefix) {
        if (rule.ipVersion() != null && rule.ipVersion() != ipVersion) {
            return List.of();
        }
        Parts p = new Parts(rule);
        p.srcNets = filterNets(rule.srcNets(), ipVersion, false);
        p.notSrcNets = filterNets(rule.notSrcNets(), ipVersion, true);
        p.dstNets = filterNets(rule.dstNets(), ipVersion, false);
        p.notDstNets = filterNets(rule.notDstNets(), ipVersion, true);
        if (p.srcNets == null || p.notSrcNets == null || p.dstNets == null || p.notDstNets == null) {
            return List.of();
        }
        MatchBlocks blocks = new MatchBlocks(config.marks().scratch0(), config.marks().scratch1());
        List<List<Port>> srcSplits = splitPorts(p.srcPorts);
        if (srcSplits.size() + p.srcNamed.size() > 1) {
            blocks.portBlock(rule.protocol(), srcSplits, names(p.srcNamed, ipVersion), true);
            p.srcPorts = List.of();
            p.srcNamed = List.of();
        }
        List<List<Port>> dstSplits = splitPorts(p.dstPorts);
        if (dstSplits.size() + p.dstNamed.size() > 1) {
            blocks.portBlock(rule.protocol(), dstSplits, names(p.dstNamed, ipVersion), false);
            p.dstPorts = List.of();
            p.dstNamed = List.of();
        }
        if (p.srcNets.size() > 1) {
            blocks.cidrBlock(p.srcNets, true);
            p.srcNets = List.of();
        }
        if (p.dstNets.size() > 1) {
            blocks.cidrBlock(p.dstNets, false);
            p.dstNets = List.of();
        }
        if (p.srcNets.size() + p.notSrcNets.size() > 1) {
            blocks.negatedCidrBlock(p.notSrcNets, true);
            p.notSrcNets = List.of();
        }
        if (p.dstNets.size() + p.notDstNets.size() > 1) {
            blocks.negatedCidrBlock(p.notDstNets, false);
            p.notDstNets = List.of();
        }
        Match match = ruleMatch(p, ipVersion);
        if (blocks.using) {
            match = match.markSingleBitSet(config.marks().scratch0());
        }
        List<Rule> out = new ArrayList<>(blocks.rules);
        out.addAll(actions(rule, match, logPrefix));
        return out;
    }

    private List<Rule> actions(ParsedRule rule, Match match, String logPrefix) {
        long accept = config.marks().accept();
        long pass = config.marks().pass();
        switch (rule.action()) {
            case ALLOW:
                return List.of(Rule.of(match, Action.setMark(accept)),
                        Rule.of(Match.any().markSingleBitSet(accept), Action.RETURN));
            case PASS:
                return List.of(Rule.of(match, Action.setMark(pass)),
                        Rule.of(Match.any().markSingleBitSet(pass), Action.RETURN));
            case DENY:
                return List.of(Rule.of(match, Action.DROP));
            case LOG:
                return List.of(Rule.of(match, Action.log(logPrefix)));
            default:
                throw new IllegalArgumentException("unknown rule action " + rule.action());
        }
    }

    /** Felix's {@code CalculateRuleMatch}: positive criteria, then the negated ones. */
    private Match ruleMatch(Parts p, int v) {
        Match m = protocol(Match.any(), p.rule.protocol());
        if (p.srcNets.size() == 1) {
            m = m.sourceNet(p.srcNets.get(0).toString());
        }
        for (String id : p.rule.srcIpSetIds()) {
            m = m.sourceIpSet(IpSetNames.mainName(v, id));
        }
        if (!p.srcPorts.isEmpty()) {
            m = m.sourcePorts(p.srcPorts);
        }
        for (String id : p.srcNamed) {
            m = m.sourceIpPortSet(IpSetNames.mainName(v, id));
        }
        if (p.dstNets.size() == 1) {
            m = m.destNet(p.dstNets.get(0).toString());
        }
        for (String id : p.rule.dstIpSetIds()) {
            m = m.destIpSet(IpSetNames.mainName(v, id));
        }
        if (!p.dstPorts.isEmpty()) {
            m = m.destPorts(p.dstPorts);
        }
        for (String id : p.dstNamed) {
            m = m.destIpPortSet(IpSetNames.mainName(v, id));
        }
        IcmpMatch icmp = p.rule.icmp();
        if (icmp != null) {
            m = v == 4 ? m.icmpType(icmp.type(), icmp.code()) : m.icmpV6Type(icmp.type(), icmp.code());
        }
        if (p.rule.notProtocol() != null) {
            m = m.notProtocol(p.rule.notProtocol().kernelName());
        }
        if (p.notSrcNets.size() == 1) {
            m = m.notSourceNet(p.notSrcNets.get(0).toString());
        }
        for (String id : p.rule.notSrcIpSetIds()) {
            m = m.notSourceIpSet(IpSetNames.mainName(v, id));
        }
        for (List<Port> split : splitPorts(p.rule.notSrcPorts())) {
            m = m.notSourcePorts(split);
        }
        for (String id : p.rule.notSrcNamedPortIpSetIds()) {
            m = m.notSourceIpPortSet(IpSetNames.mainName(v, id));
        }
        if (p.notDstNets.size() == 1) {
            m = m.notDestNet(p.notDstNets.get(0).toString());
        }
        for (String id : p.rule.notDstIpSetIds()) {
            m = m.notDestIpSet(IpSetNames.mainName(v, id));
        }
        for (List<Port> split : splitPorts(p.rule.notDstPorts())) {
            m = m.notDestPorts(split);
        }
        for (String id : p.rule.notDstNamedPortIpSetIds()) {
            m = m.notDestIpPortSet(IpSetNames.mainName(v, id));
        }
        IcmpMatch notIcmp = p.rule.notIcmp();
        if (notIcmp != null) {
            m = v == 4 ? m.notIcmpType(notIcmp.type(), notIcmp.code()) : m.notIcmpV6Type(notIcmp.type(), notIcmp.code());
        }
        return m;
    }

    private static Match protocol(Match m, Protocol protocol) {
        return protocol == null ? m : m.protocol(protocol.kernelName());
    }

    private static List<String> names(List<String> ids, int v) {
        return ids.stream().map(id -> IpSetNames.mainName(v, id)).toList();
    }

    /**
     * The CIDRs of this IP version (as networks), or null when the rule must be skipped: the list
     * had CIDRs but none of this version, or a negated list holds the catch-all CIDR.
     */
    static List<Cidr> filterNets(List<Cidr> nets, int ipVersion, boolean negated) {
        if (nets.isEmpty()) {
            return List.of();
        }
        List<Cidr> out = new ArrayList<>();
        for (Cidr c : nets) {
            if (c.version() != ipVersion) {
                continue;
            }
            if (negated && c.prefixLength() == 0) {
                return null;
            }
            out.add(c.network());
        }
        return out.isEmpty() ? null : out;
    }

    /** Splits ports into multiport-sized groups: 15 slots each, a range taking two. */
    static List<List<Port>> splitPorts(List<Port> ports) {
        List<List<Port>> splits = new ArrayList<>();
        List<Port> current = new ArrayList<>();
        int free = MULTIPORT_SLOTS;
        for (Port p : ports) {
            int need = p.min() == p.max() ? 1 : 2;
            if (free < need) {
                splits.add(List.copyOf(current));
                current.clear();
                free = MULTIPORT_SLOTS;
            }
            current.add(p);
            free -= need;
        }
        if (!current.isEmpty()) {
            splits.add(List.copyOf(current));
        }
        return splits;
    }

    /** The parts of a rule still to go into the main iptables rule (blocks take some of them out). */
    private static final class Parts {
        final ParsedRule rule;
        List<Cidr> srcNets;
        List<Cidr> notSrcNets;
        List<Cidr> dstNets;
        List<Cidr> notDstNets;
        List<Port> srcPorts;
        List<Port> dstPorts;
        List<String> srcNamed;
        List<String> dstNamed;

        Parts(ParsedRule rule) {
            this.rule = rule;
            this.srcPorts = rule.srcPorts();
            this.dstPorts = rule.dstPorts();
            this.srcNamed = rule.srcNamedPortIpSetIds();
            this.dstNamed = rule.dstNamedPortIpSetIds();
        }
    }

    /**
     * Felix's {@code matchBlockBuilder}: blocks of rules that or together parts of a match and and
     * the results into the "all blocks pass" bit. The first positive block writes that bit
     * directly; later ones write the "this block" bit and then clear "all blocks" if it stayed
     * clear. Unlike Felix, the "this block" bit is cleared before each positive block after the
     * second, so a match in one block cannot leak into the next (a fail-open in Felix when a rule
     * needs three or more positive blocks).
     */
    private static final class MatchBlocks {
        final long allBlocks;
        final long thisBlock;
        final List<Rule> rules = new ArrayList<>();
        boolean using;
        boolean doneFirstPositive;
        boolean thisBlockUsed;

        MatchBlocks(long allBlocks, long thisBlock) {
            this.allBlocks = allBlocks;
            this.thisBlock = thisBlock;
        }

        void portBlock(Protocol protocol, List<List<Port>> splits, List<String> namedSets, boolean src) {
            long mark = startPositive();
            for (List<Port> split : splits) {
                Match m = protocol(Match.any(), protocol);
                rules.add(Rule.of(src ? m.sourcePorts(split) : m.destPorts(split), Action.setMark(mark)));
            }
            for (String set : namedSets) {
                Match m = src ? Match.any().sourceIpPortSet(set) : Match.any().destIpPortSet(set);
                rules.add(Rule.of(m, Action.setMark(mark)));
            }
            finishPositive();
        }

        void cidrBlock(List<Cidr> cidrs, boolean src) {
            long mark = startPositive();
            for (Cidr c : cidrs) {
                Match m = src ? Match.any().sourceNet(c.toString()) : Match.any().destNet(c.toString());
                rules.add(Rule.of(m, Action.setMark(mark)));
            }
            finishPositive();
        }

        void negatedCidrBlock(List<Cidr> cidrs, boolean src) {
            initial(allBlocks);
            for (Cidr c : cidrs) {
                Match m = src ? Match.any().sourceNet(c.toString()) : Match.any().destNet(c.toString());
                rules.add(Rule.of(m, Action.clearMark(allBlocks)));
            }
        }

        private void initial(long setInitially) {
            if (!using) {
                rules.add(Rule.of(Action.setMaskedMark(setInitially, allBlocks | thisBlock)));
                using = true;
            }
        }

        private long startPositive() {
            initial(0);
            if (!doneFirstPositive) {
                return allBlocks;
            }
            if (thisBlockUsed) {
                rules.add(Rule.of(Action.clearMark(thisBlock)));
            }
            thisBlockUsed = true;
            return thisBlock;
        }

        private void finishPositive() {
            if (!doneFirstPositive) {
                doneFirstPositive = true;
                return;
            }
            rules.add(Rule.of(Match.any().markClear(thisBlock), Action.clearMark(allBlocks)));
        }
    }
}
