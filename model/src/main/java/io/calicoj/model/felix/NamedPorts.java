package io.calicoj.model.felix;

import io.calicoj.model.Protocol;
import io.calicoj.model.selector.And;
import io.calicoj.model.selector.Not;
import io.calicoj.model.selector.Selector;
import java.util.List;

/**
 * How Felix matches a rule side's named ports: through an IP set of (address, protocol, port)
 * of the endpoints that a selector matches and that export the port. The evaluator and the
 * calculation graph both use these, so they agree on what a named port means.
 */
public final class NamedPorts {

    private NamedPorts() {
    }

    /**
     * The selector filtering a side's named-port set: the positive selector with the negated one
     * folded in ({@code sel && !notSel}, or {@code !notSel}), or {@code all()} when the side has
     * neither (as Felix's rule scanner does). Negated named ports use it too.
     *
     * @param selector    the side's positive selector as Felix sees it, or {@code null}
     * @param notSelector the side's negated selector, or {@code null}
     */
    public static Selector filterSelector(Selector selector, Selector notSelector) {
        if (selector == null && notSelector == null) {
            return Selector.all();
        }
        if (notSelector == null) {
            return selector;
        }
        Selector negated = new Not(notSelector);
        return selector == null ? negated : new And(List.of(selector, negated));
    }

    /** Named-port sets are per protocol: UDP or SCTP when the rule says so, otherwise TCP. */
    public static Protocol setProtocol(Protocol ruleProtocol) {
        if (ruleProtocol != null && ruleProtocol.number() == Protocol.UDP.number()) {
            return Protocol.UDP;
        }
        if (ruleProtocol != null && ruleProtocol.number() == Protocol.SCTP.number()) {
            return Protocol.SCTP;
        }
        return Protocol.TCP;
    }
}
