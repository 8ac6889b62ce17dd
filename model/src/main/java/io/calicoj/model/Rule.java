package io.calicoj.model;

import java.util.List;
import java.util.Objects;

/**
 * One Calico policy rule. A packet matches when every present criterion matches; the first
 * matching rule's {@link Action} applies ({@code Log} continues with the next rule).
 *
 * @param ipVersion   4 or 6, or {@code null} for both
 * @param protocol    {@code null} for any protocol
 * @param notProtocol {@code null} for no exclusion
 * @param icmp        {@code null} for any ICMP type (requires an ICMP protocol when set)
 * @param notIcmp     {@code null} for no exclusion
 */
public record Rule(
        Action action,
        Integer ipVersion,
        Protocol protocol,
        Protocol notProtocol,
        IcmpMatch icmp,
        IcmpMatch notIcmp,
        EntityRule source,
        EntityRule destination) {

    public Rule {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        if (ipVersion != null && ipVersion != 4 && ipVersion != 6) {
            throw new InvalidResourceException("ipVersion", ipVersion, "must be 4 or 6");
        }
        checkPorts("source", source, protocol);
        checkPorts("destination", destination, protocol);
        if ((icmp != null || notIcmp != null) && (protocol == null || !protocol.isIcmp())) {
            throw new InvalidResourceException(icmp != null ? "icmp" : "notICMP", icmp != null ? icmp : notIcmp,
                    "rules that specify ICMP fields must set protocol to ICMP");
        }
        checkVersion("source", source, ipVersion);
        checkVersion("destination", destination, ipVersion);
        if (source.ipVersion() != 0 && destination.ipVersion() != 0 && source.ipVersion() != destination.ipVersion()) {
            throw new InvalidResourceException("destination.nets", destination.nets().isEmpty()
                    ? destination.notNets() : destination.nets(),
                    "source and destination nets must have the same IP version");
        }
        if (protocol != null && protocol.equals(Protocol.ICMP) && ipVersion != null && ipVersion == 6
                || protocol != null && protocol.equals(Protocol.ICMPV6) && ipVersion != null && ipVersion == 4) {
            throw new InvalidResourceException("protocol", protocol, "protocol does not match ipVersion " + ipVersion);
        }
    }

    private static void checkPorts(String side, EntityRule rule, Protocol protocol) {
        if (rule.hasPorts() && (protocol == null || !protocol.supportsPorts())) {
            throw new InvalidResourceException(side + (rule.ports().isEmpty() ? ".notPorts" : ".ports"),
                    rule.ports().isEmpty() ? rule.notPorts() : rule.ports(),
                    "rules that specify ports must set protocol to TCP or UDP or SCTP");
        }
    }

    private static void checkVersion(String side, EntityRule rule, Integer ipVersion) {
        if (ipVersion != null && rule.ipVersion() != 0 && rule.ipVersion() != ipVersion) {
            throw new InvalidResourceException(side + ".nets", rule.nets().isEmpty() ? rule.notNets() : rule.nets(),
                    "nets must match ipVersion " + ipVersion);
        }
    }

    /** An unconditional rule with this action. */
    public static Rule of(Action action) {
        return new Rule(action, null, null, null, null, null, EntityRule.ANY, EntityRule.ANY);
    }

    /** Allow everything. */
    public static Rule allowAll() {
        return of(Action.ALLOW);
    }

    public Rule withAction(Action newAction) {
        return new Rule(newAction, ipVersion, protocol, notProtocol, icmp, notIcmp, source, destination);
    }

    public Rule withProtocol(Protocol newProtocol) {
        return new Rule(action, ipVersion, newProtocol, notProtocol, icmp, notIcmp, source, destination);
    }

    public Rule withSource(EntityRule newSource) {
        return new Rule(action, ipVersion, protocol, notProtocol, icmp, notIcmp, newSource, destination);
    }

    public Rule withDestination(EntityRule newDestination) {
        return new Rule(action, ipVersion, protocol, notProtocol, icmp, notIcmp, source, newDestination);
    }

    /** Rule lists are copied and must not contain nulls. */
    static List<Rule> copy(List<Rule> rules) {
        return List.copyOf(rules);
    }
}
