package io.calicoj.model.eval;

import io.calicoj.model.Action;
import io.calicoj.model.GlobalNetworkPolicy;
import io.calicoj.model.IpAddress;
import io.calicoj.model.NetworkPolicy;
import io.calicoj.model.PolicyType;
import io.calicoj.model.Profile;
import io.calicoj.model.Resource;
import io.calicoj.model.WorkloadEndpoint;
import io.calicoj.model.eval.DirectionVerdict.Outcome;
import io.calicoj.model.eval.DirectionVerdict.Reason;
import io.calicoj.model.felix.FelixPolicy;
import io.calicoj.model.felix.FelixProfile;
import io.calicoj.model.felix.FelixProjection;
import io.calicoj.model.felix.FelixRule;
import io.calicoj.model.felix.PolicyOrder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers "would this connection be allowed, and what decides it?" from the Calico model alone,
 * with Felix's semantics, at both ends: the source endpoint's egress and the destination
 * endpoint's ingress.
 *
 * <p>At one endpoint, in one direction: the policies that select it and govern that direction,
 * in order (ascending {@code order}, unordered last, then by name). The first matching rule of
 * each policy decides: Allow and Deny end evaluation, Log carries on, Pass skips the remaining
 * policies. A policy none of whose rules match passes to the next policy. When policies apply
 * and none allowed or passed the packet, it is dropped (Kubernetes isolation). Otherwise the
 * endpoint's profiles are evaluated in order the same way (the Kubernetes namespace profiles
 * allow everything); a profile that does not exist drops everything, and if no profile rule
 * matches, the packet is dropped.
 *
 * <p>Immutable after construction; safe to share between threads.
 */
public final class PolicyEvaluator {

    private final List<FelixPolicy> policies;
    private final Map<String, FelixProfile> profiles;
    private final EndpointIndex endpoints;
    private final RuleMatcher matcher;

    /** @param resources policies, global policies, profiles and workload endpoints; other kinds are ignored */
    public PolicyEvaluator(Collection<? extends Resource> resources) {
        List<FelixPolicy> ps = new ArrayList<>();
        Map<String, FelixProfile> prs = new HashMap<>();
        List<WorkloadEndpoint> weps = new ArrayList<>();
        for (Resource r : resources) {
            if (r instanceof NetworkPolicy np) {
                ps.add(FelixProjection.project(np));
            } else if (r instanceof GlobalNetworkPolicy gnp) {
                ps.add(FelixProjection.project(gnp));
            } else if (r instanceof Profile p) {
                prs.put(p.metadata().name(), FelixProjection.project(p));
            } else if (r instanceof WorkloadEndpoint w) {
                weps.add(w);
            }
        }
        ps.sort(PolicyOrder.COMPARATOR);
        this.policies = List.copyOf(ps);
        this.profiles = Map.copyOf(prs);
        this.endpoints = new EndpointIndex(weps, profiles);
        this.matcher = new RuleMatcher(endpoints);
    }

    public ConnectionVerdict evaluate(Connection c) {
        Optional<EndpointIndex.Entry> src = resolve(c.source());
        Optional<EndpointIndex.Entry> dst = resolve(c.destination());
        IpAddress dstIp = address(c.destination(), dst, null);
        IpAddress srcIp = address(c.source(), src, dstIp);
        if (dstIp == null) {
            dstIp = address(c.destination(), dst, srcIp);
        }
        RuleMatcher.Packet packet = new RuleMatcher.Packet(srcIp, dstIp, c.protocol(), c.sourcePort(),
                c.destinationPort(), c.icmpType(), c.icmpCode());
        if (src.isPresent() && dst.isPresent() && src.get().endpoint().key().equals(dst.get().endpoint().key())) {
            DirectionVerdict loop = new DirectionVerdict(Outcome.NOT_POLICED, Reason.LOOPBACK, "", -1);
            return new ConnectionVerdict(c, loop, loop);
        }
        DirectionVerdict egress = src.map(e -> atEndpoint(e, PolicyType.EGRESS, packet)).orElse(notPoliced());
        DirectionVerdict ingress = dst.map(e -> atEndpoint(e, PolicyType.INGRESS, packet)).orElse(notPoliced());
        return new ConnectionVerdict(c, egress, ingress);
    }

    private static DirectionVerdict notPoliced() {
        return new DirectionVerdict(Outcome.NOT_POLICED, Reason.NOT_AN_ENDPOINT, "", -1);
    }

    private Optional<EndpointIndex.Entry> resolve(Peer peer) {
        if (peer instanceof Peer.Endpoint e) {
            return Optional.of(endpoints.get(e.key()).orElseThrow(
                    () -> new IllegalArgumentException("no workload endpoint " + e.key())));
        }
        List<EndpointIndex.Entry> at = endpoints.at(((Peer.Address) peer).address());
        return at.isEmpty() ? Optional.empty() : Optional.of(at.get(0));
    }

    /** The peer's address: given, or the endpoint's address (of the other end's IP version when known). */
    private static IpAddress address(Peer peer, Optional<EndpointIndex.Entry> entry, IpAddress other) {
        if (peer instanceof Peer.Address a) {
            return a.address();
        }
        List<IpAddress> addresses = entry.orElseThrow().addresses();
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("workload endpoint " + peer + " has no address");
        }
        if (other != null) {
            for (IpAddress a : addresses) {
                if (a.version() == other.version()) {
                    return a;
                }
            }
        }
        return addresses.get(0);
    }

    private DirectionVerdict atEndpoint(EndpointIndex.Entry e, PolicyType direction, RuleMatcher.Packet p) {
        boolean anyPolicy = false;
        boolean passed = false;
        String tier = "";
        for (FelixPolicy policy : policies) {
            if (!policy.governs(direction) || !policy.selector().matches(e.labels())) {
                continue;
            }
            anyPolicy = true;
            tier = policy.id().tier();
            List<FelixRule> rules = policy.rules(direction);
            int rule = firstMatch(rules, p);
            Action action = rule < 0 ? null : rules.get(rule).rule().action();
            if (action == Action.ALLOW) {
                return new DirectionVerdict(Outcome.ALLOW, Reason.POLICY_RULE, policy.id().name(), rule);
            }
            if (action == Action.DENY) {
                return new DirectionVerdict(Outcome.DENY, Reason.POLICY_RULE, policy.id().name(), rule);
            }
            if (action == Action.PASS) {
                passed = true;
                break;
            }
        }
        if (anyPolicy && !passed) {
            return new DirectionVerdict(Outcome.DENY, Reason.END_OF_TIER, tier, -1);
        }
        for (String name : e.endpoint().spec().profiles()) {
            FelixProfile profile = profiles.get(name);
            if (profile == null) {
                return new DirectionVerdict(Outcome.DENY, Reason.MISSING_PROFILE, name, -1);
            }
            List<FelixRule> rules = profile.rules(direction);
            int rule = firstMatch(rules, p);
            Action action = rule < 0 ? null : rules.get(rule).rule().action();
            if (action == Action.ALLOW) {
                return new DirectionVerdict(Outcome.ALLOW, Reason.PROFILE_RULE, name, rule);
            }
            if (action == Action.DENY) {
                return new DirectionVerdict(Outcome.DENY, Reason.PROFILE_RULE, name, rule);
            }
            // Pass (or no match) in a profile moves on to the next profile.
        }
        return new DirectionVerdict(Outcome.DENY, Reason.NO_PROFILE_MATCHED, "", -1);
    }

    /** The index of the first matching rule that decides (Log rules only log), or -1. */
    private int firstMatch(List<FelixRule> rules, RuleMatcher.Packet p) {
        for (int i = 0; i < rules.size(); i++) {
            FelixRule r = rules.get(i);
            if (r.rule().action() != Action.LOG && matcher.matches(r, p)) {
                return i;
            }
        }
        return -1;
    }
}
