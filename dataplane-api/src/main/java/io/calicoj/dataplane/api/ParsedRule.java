package io.calicoj.dataplane.api;

import io.calicoj.model.Action;
import io.calicoj.model.Cidr;
import io.calicoj.model.IcmpMatch;
import io.calicoj.model.Port;
import io.calicoj.model.Protocol;
import java.util.List;
import java.util.Objects;

/**
 * A rule ready for rendering: selectors and named ports replaced by the IDs of IP sets the
 * calculation graph maintains (Felix's {@code ParsedRule} / protobuf {@code Rule}). Every list
 * constrains only when non-empty; {@code null} scalars do not constrain.
 *
 * @param srcIpSetIds          the source must be in every one of these sets
 * @param notSrcIpSetIds       the source must be in none of these sets
 * @param srcPorts             numeric source ports (named ones are in {@code srcNamedPortIpSetIds})
 * @param srcNamedPortIpSetIds (address, protocol, port) sets for named source ports: the packet matches {@code srcPorts} or one of these
 * @param notSrcNamedPortIpSetIds named ports the source must not match
 */
public record ParsedRule(
        Action action,
        Integer ipVersion,
        Protocol protocol,
        Protocol notProtocol,
        IcmpMatch icmp,
        IcmpMatch notIcmp,
        List<Cidr> srcNets,
        List<Cidr> notSrcNets,
        List<String> srcIpSetIds,
        List<String> notSrcIpSetIds,
        List<Port> srcPorts,
        List<Port> notSrcPorts,
        List<String> srcNamedPortIpSetIds,
        List<String> notSrcNamedPortIpSetIds,
        List<Cidr> dstNets,
        List<Cidr> notDstNets,
        List<String> dstIpSetIds,
        List<String> notDstIpSetIds,
        List<Port> dstPorts,
        List<Port> notDstPorts,
        List<String> dstNamedPortIpSetIds,
        List<String> notDstNamedPortIpSetIds) {

    public ParsedRule {
        Objects.requireNonNull(action, "action");
        srcNets = List.copyOf(srcNets);
        notSrcNets = List.copyOf(notSrcNets);
        srcIpSetIds = List.copyOf(srcIpSetIds);
        notSrcIpSetIds = List.copyOf(notSrcIpSetIds);
        srcPorts = List.copyOf(srcPorts);
        notSrcPorts = List.copyOf(notSrcPorts);
        srcNamedPortIpSetIds = List.copyOf(srcNamedPortIpSetIds);
        notSrcNamedPortIpSetIds = List.copyOf(notSrcNamedPortIpSetIds);
        dstNets = List.copyOf(dstNets);
        notDstNets = List.copyOf(notDstNets);
        dstIpSetIds = List.copyOf(dstIpSetIds);
        notDstIpSetIds = List.copyOf(notDstIpSetIds);
        dstPorts = List.copyOf(dstPorts);
        notDstPorts = List.copyOf(notDstPorts);
        dstNamedPortIpSetIds = List.copyOf(dstNamedPortIpSetIds);
        notDstNamedPortIpSetIds = List.copyOf(notDstNamedPortIpSetIds);
        for (List<Port> ports : List.of(srcPorts, notSrcPorts, dstPorts, notDstPorts)) {
            for (Port p : ports) {
                if (p.isNamed()) {
                    throw new IllegalArgumentException("named port " + p + " must be an IP set ID, not a port");
                }
            }
        }
    }

    /** Every IP set ID the rule references. */
    public List<String> ipSetIds() {
        return java.util.stream.Stream.of(srcIpSetIds, notSrcIpSetIds, srcNamedPortIpSetIds, notSrcNamedPortIpSetIds,
                        dstIpSetIds, notDstIpSetIds, dstNamedPortIpSetIds, notDstNamedPortIpSetIds)
                .flatMap(List::stream).distinct().toList();
    }
}
