package io.calicoj.model.eval;

import io.calicoj.model.Cidr;
import io.calicoj.model.IpAddress;
import io.calicoj.model.Port;
import io.calicoj.model.Protocol;
import io.calicoj.model.Rule;
import io.calicoj.model.felix.FelixRule;
import io.calicoj.model.felix.NamedPorts;
import io.calicoj.model.selector.Selector;
import java.util.List;

/** Decides whether a packet matches a rule, with selectors answered by an {@link EndpointIndex}. */
final class RuleMatcher {

    /** The first packet of a connection, addresses resolved. */
    record Packet(IpAddress source, IpAddress destination, Protocol protocol, int sourcePort, int destinationPort,
                  int icmpType, int icmpCode) {
    }

    private final EndpointIndex index;

    RuleMatcher(EndpointIndex index) {
        this.index = index;
    }

    boolean matches(FelixRule fr, Packet p) {
        Rule r = fr.rule();
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
        return side(r.source().nets(), r.source().notNets(), fr.srcSelector(), fr.notSrcSelector(),
                r.source().ports(), r.source().notPorts(), r, p.source(), p.protocol(), p.sourcePort())
                && side(r.destination().nets(), r.destination().notNets(), fr.dstSelector(), fr.notDstSelector(),
                r.destination().ports(), r.destination().notPorts(), r, p.destination(), p.protocol(), p.destinationPort());
    }

    private boolean side(List<Cidr> nets, List<Cidr> notNets, Selector selector, Selector notSelector,
                         List<Port> ports, List<Port> notPorts, Rule rule, IpAddress address, Protocol protocol,
                         int port) {
        if (!nets.isEmpty() && nets.stream().noneMatch(n -> n.contains(address))) {
            return false;
        }
        if (notNets.stream().anyMatch(n -> n.contains(address))) {
            return false;
        }
        if (selector != null && !index.addressMatches(address, selector)) {
            return false;
        }
        if (notSelector != null && index.addressMatches(address, notSelector)) {
            return false;
        }
        Selector namedPortSelector = NamedPorts.filterSelector(selector, notSelector);
        Protocol namedPortProtocol = NamedPorts.setProtocol(rule.protocol());
        if (!ports.isEmpty() && ports.stream().noneMatch(p -> portMatches(p, address, port, namedPortSelector,
                namedPortProtocol))) {
            return false;
        }
        return notPorts.stream().noneMatch(p -> portMatches(p, address, port, namedPortSelector, namedPortProtocol));
    }

    private boolean portMatches(Port p, IpAddress address, int port, Selector selector, Protocol protocol) {
        if (!p.isNamed()) {
            return p.contains(port);
        }
        return index.namedPortMatches(address, selector, p.name(), protocol, port);
    }
}
