package io.calicoj.calc.testing;

import io.calicoj.dataplane.api.ActiveProfileUpdate;
import io.calicoj.dataplane.api.IpSetMember;
import io.calicoj.dataplane.api.ParsedPolicy;
import io.calicoj.dataplane.api.ParsedRule;
import io.calicoj.dataplane.api.TierInfo;
import io.calicoj.dataplane.api.WorkloadEndpointUpdate;
import io.calicoj.model.Action;
import io.calicoj.model.Cidr;
import io.calicoj.model.IpAddress;
import io.calicoj.model.Port;
import io.calicoj.model.PolicyType;
import io.calicoj.model.Protocol;
import io.calicoj.model.ResourceKey;
import io.calicoj.model.felix.PolicyId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link FakeDataplane}'s state means for one packet at one local workload endpoint, with
 * Felix's endpoint-chain semantics: per tier that has policies in the direction, the policies in
 * order, each deciding by its first matching rule (Allow and Deny end, Pass skips to the next
 * tier, Log carries on, no match tries the next policy), and a drop at the end of a tier nothing
 * passed; then the profiles in order (Allow and Deny end, anything else tries the next); then
 * drop. Selectors and named ports are answered by the fake's IP sets, exactly as the kernel would.
 */
public final class DataplaneInterpreter {

    /** The first packet of a connection. */
    public record Packet(IpAddress source, IpAddress destination, Protocol protocol, int sourcePort,
                         int destinationPort, int icmpType, int icmpCode) {
        public Packet {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(protocol, "protocol");
            protocol = Protocol.of(protocol.number());
        }
    }

    public enum Verdict { ALLOW, DENY }

    private final FakeDataplane dataplane;
    private final Map<String, Set<IpSetMember>> ipSets;

    public DataplaneInterpreter(FakeDataplane dataplane) {
        this.dataplane = dataplane;
        this.ipSets = dataplane.ipSets();
    }

    /** The verdict of {@code endpoint}'s chain for {@code direction} (ingress: to it; egress: from it). */
    public Verdict evaluate(ResourceKey endpoint, PolicyType direction, Packet packet) {
        WorkloadEndpointUpdate ep = dataplane.workloadEndpoints().get(endpoint);
        if (ep == null) {
            throw new IllegalArgumentException("no local workload endpoint " + endpoint);
        }
        boolean ingress = direction == PolicyType.INGRESS;
        for (TierInfo tier : ep.tiers()) {
            List<PolicyId> policies = ingress ? tier.ingressPolicies() : tier.egressPolicies();
            if (policies.isEmpty()) {
                continue;
            }
            boolean passed = false;
            for (PolicyId id : policies) {
                ParsedPolicy policy = dataplane.policy(id).orElseThrow();
                Action action = firstDecision(ingress ? policy.inboundRules() : policy.outboundRules(), packet);
                if (action == Action.ALLOW) {
                    return Verdict.ALLOW;
                }
                if (action == Action.DENY) {
                    return Verdict.DENY;
                }
                if (action == Action.PASS) {
                    passed = true;
                    break;
                }
            }
            if (!passed) {
                return Verdict.DENY;
            }
        }
        for (String name : ep.profileIds()) {
            ActiveProfileUpdate profile = dataplane.profile(name).orElseThrow();
            Action action = firstDecision(ingress ? profile.inboundRules() : profile.outboundRules(), packet);
            if (action == Action.ALLOW) {
                return Verdict.ALLOW;
            }
            if (action == Action.DENY) {
                return Verdict.DENY;
            }
        }
        return Verdict.DENY;
    }

    /** The action of the first matching rule that is not Log, or {@code null}. */
    private Action firstDecision(List<ParsedRule> rules, Packet p) {
        for (ParsedRule r : rules) {
            if (r.action() != Action.LOG && matches(r, p)) {
                return r.action();
            }
        }
        return null;
    }

    private boolean matches(ParsedRule r, Packet p) {
        if (r.ipVersion() != null && r.ipVersion() != p.source().version()) {
            return false;
        }
        if (r.protocol() != null && r.protocol().number() != p.protocol().number()) {
            return false;
        }
        if (r.notProtocol() != null && r.notProtocol().number() == p.protocol().number()) {
            return false;
        }
        if (r.icmp() != null && (!p.protocol().isIcmp() || !r.icmp().matches(p.icmpType(), p.icmpCode()))) {
            return false;
        }
        if (r.notIcmp() != null && p.protocol().isIcmp() && r.notIcmp().matches(p.icmpType(), p.icmpCode())) {
            return false;
        }
        return side(r.srcNets(), r.notSrcNets(), r.srcIpSetIds(), r.notSrcIpSetIds(), r.srcPorts(), r.notSrcPorts(),
                r.srcNamedPortIpSetIds(), r.notSrcNamedPortIpSetIds(), p.source(), p.protocol(), p.sourcePort())
                && side(r.dstNets(), r.notDstNets(), r.dstIpSetIds(), r.notDstIpSetIds(), r.dstPorts(),
                r.notDstPorts(), r.dstNamedPortIpSetIds(), r.notDstNamedPortIpSetIds(), p.destination(), p.protocol(),
                p.destinationPort());
    }

    private boolean side(List<Cidr> nets, List<Cidr> notNets, List<String> sets, List<String> notSets,
                         List<Port> ports, List<Port> notPorts, List<String> namedSets, List<String> notNamedSets,
                         IpAddress address, Protocol protocol, int port) {
        if (!nets.isEmpty() && nets.stream().noneMatch(n -> n.contains(address))) {
            return false;
        }
        if (notNets.stream().anyMatch(n -> n.contains(address))) {
            return false;
        }
        IpSetMember member = new IpSetMember.Address(address);
        if (!sets.stream().allMatch(id -> contains(id, member))) {
            return false;
        }
        if (notSets.stream().anyMatch(id -> contains(id, member))) {
            return false;
        }
        IpSetMember withPort = new IpSetMember.AddressPort(address, protocol, port);
        if ((!ports.isEmpty() || !namedSets.isEmpty()) && ports.stream().noneMatch(p -> p.contains(port))
                && namedSets.stream().noneMatch(id -> contains(id, withPort))) {
            return false;
        }
        return notPorts.stream().noneMatch(p -> p.contains(port))
                && notNamedSets.stream().noneMatch(id -> contains(id, withPort));
    }

    private boolean contains(String setId, IpSetMember member) {
        Set<IpSetMember> members = ipSets.get(setId);
        if (members == null) {
            throw new IllegalStateException("rule uses IP set " + setId + " the dataplane does not have");
        }
        return members.contains(member);
    }
}
