package io.calicoj.calc;

import io.calicoj.dataplane.api.ParsedRule;
import io.calicoj.model.EntityRule;
import io.calicoj.model.Port;
import io.calicoj.model.Protocol;
import io.calicoj.model.Rule;
import io.calicoj.model.felix.FelixRule;
import io.calicoj.model.felix.NamedPorts;
import io.calicoj.model.selector.Selector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One policy's or profile's rules → {@link ParsedRule}s, collecting the IP sets they use.
 * Follows Felix's rule scanner and, through {@link NamedPorts}, agrees with the evaluator:
 * <ul>
 * <li>a side's selector and negated selector become selector sets ({@code srcIpSetIds},
 *     {@code notSrcIpSetIds}); the positive one only when the side has numeric ports or no
 *     named ports, since a named-port set already filters by it;</li>
 * <li>each named port becomes a named-port set filtered by the side's positive selector with the
 *     negated one folded in ({@code sel && !notSel}, {@code !notSel}, or {@code all()} when the
 *     side has neither), for negated named ports too;</li>
 * <li>a named-port set's protocol is UDP or SCTP when the rule says so, otherwise TCP.</li>
 * </ul>
 * A fresh parser per policy; not thread-safe.
 */
final class RuleParser {

    private final Map<String, IpSetData> ipSets = new LinkedHashMap<>();

    List<ParsedRule> parse(List<FelixRule> rules) {
        List<ParsedRule> out = new ArrayList<>(rules.size());
        for (FelixRule r : rules) {
            out.add(parse(r));
        }
        return out;
    }

    /** Every IP set the rules parsed so far use, by ID. */
    Map<String, IpSetData> ipSets() {
        return ipSets;
    }

    private ParsedRule parse(FelixRule fr) {
        Rule r = fr.rule();
        Protocol namedPortProtocol = NamedPorts.setProtocol(r.protocol());
        Side src = side(r.source(), fr.srcSelector(), fr.notSrcSelector(), namedPortProtocol);
        Side dst = side(r.destination(), fr.dstSelector(), fr.notDstSelector(), namedPortProtocol);
        return new ParsedRule(r.action(), r.ipVersion(), r.protocol(), r.notProtocol(), r.icmp(), r.notIcmp(),
                r.source().nets(), r.source().notNets(), src.ipSets, src.notIpSets, src.ports, src.notPorts,
                src.namedPortSets, src.notNamedPortSets,
                r.destination().nets(), r.destination().notNets(), dst.ipSets, dst.notIpSets, dst.ports, dst.notPorts,
                dst.namedPortSets, dst.notNamedPortSets);
    }

    /** One side of a rule with selectors and named ports replaced by set IDs. */
    private static final class Side {
        final List<String> ipSets = new ArrayList<>();
        final List<String> notIpSets = new ArrayList<>();
        final List<Port> ports = new ArrayList<>();
        final List<Port> notPorts = new ArrayList<>();
        final List<String> namedPortSets = new ArrayList<>();
        final List<String> notNamedPortSets = new ArrayList<>();
    }

    private Side side(EntityRule e, Selector selector, Selector notSelector, Protocol protocol) {
        Side side = new Side();
        Selector namedPortFilter = NamedPorts.filterSelector(selector, notSelector);
        boolean namedPorts = false;
        for (Port p : e.ports()) {
            if (p.isNamed()) {
                namedPorts = true;
                side.namedPortSets.add(use(IpSetData.namedPort(namedPortFilter, protocol, p.name())));
            } else {
                side.ports.add(p);
            }
        }
        for (Port p : e.notPorts()) {
            if (p.isNamed()) {
                side.notNamedPortSets.add(use(IpSetData.namedPort(namedPortFilter, protocol, p.name())));
            } else {
                side.notPorts.add(p);
            }
        }
        if (selector != null && (!side.ports.isEmpty() || !namedPorts)) {
            side.ipSets.add(use(IpSetData.selector(selector)));
        }
        if (notSelector != null) {
            side.notIpSets.add(use(IpSetData.selector(notSelector)));
        }
        return side;
    }

    private String use(IpSetData set) {
        ipSets.putIfAbsent(set.id(), set);
        return set.id();
    }
}
