package io.calicoj.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The source or destination half of a rule. Every part that is present must match; absent
 * parts ({@code null} selectors, empty lists) do not constrain.
 *
 * @param nets              the packet's address must be in one of these networks
 * @param notNets           the packet's address must be in none of these
 * @param selector          the address must belong to an endpoint this selects ({@code null} = any address)
 * @param notSelector       the address must not belong to an endpoint this selects
 * @param namespaceSelector the endpoint's namespace must have labels this selects ({@code null} = not constrained)
 * @param ports             the port must be one of these (numbers, ranges or names)
 * @param notPorts          the port must be none of these
 */
public record EntityRule(
        List<Cidr> nets,
        List<Cidr> notNets,
        SelectorExpression selector,
        SelectorExpression notSelector,
        SelectorExpression namespaceSelector,
        List<Port> ports,
        List<Port> notPorts) {

    /** Matches anything. */
    public static final EntityRule ANY = new EntityRule(List.of(), List.of(), null, null, null, List.of(), List.of());

    public EntityRule {
        nets = List.copyOf(nets);
        notNets = List.copyOf(notNets);
        ports = List.copyOf(ports);
        notPorts = List.copyOf(notPorts);
        checkOneVersion(nets, notNets);
    }

    private static void checkOneVersion(List<Cidr> nets, List<Cidr> notNets) {
        List<Cidr> all = new ArrayList<>(nets);
        all.addAll(notNets);
        for (int i = 1; i < all.size(); i++) {
            if (all.get(i).version() != all.get(0).version()) {
                String field = i < nets.size() ? "nets[" + i + "]" : "notNets[" + (i - nets.size()) + "]";
                throw new InvalidResourceException(field, all.get(i),
                        "all nets and notNets of a rule side must have the same IP version");
            }
        }
    }

    /** The IP version of this side's nets, or 0 when it has none. */
    public int ipVersion() {
        if (!nets.isEmpty()) {
            return nets.get(0).version();
        }
        return notNets.isEmpty() ? 0 : notNets.get(0).version();
    }

    public boolean hasPorts() {
        return !ports.isEmpty() || !notPorts.isEmpty();
    }

    public boolean isAny() {
        return equals(ANY);
    }

    public EntityRule withNets(List<Cidr> newNets) {
        return new EntityRule(newNets, notNets, selector, notSelector, namespaceSelector, ports, notPorts);
    }

    public EntityRule withNotNets(List<Cidr> newNotNets) {
        return new EntityRule(nets, newNotNets, selector, notSelector, namespaceSelector, ports, notPorts);
    }

    public EntityRule withSelector(SelectorExpression newSelector) {
        return new EntityRule(nets, notNets, newSelector, notSelector, namespaceSelector, ports, notPorts);
    }

    public EntityRule withNotSelector(SelectorExpression newNotSelector) {
        return new EntityRule(nets, notNets, selector, newNotSelector, namespaceSelector, ports, notPorts);
    }

    public EntityRule withNamespaceSelector(SelectorExpression newNamespaceSelector) {
        return new EntityRule(nets, notNets, selector, notSelector, newNamespaceSelector, ports, notPorts);
    }

    public EntityRule withPorts(List<Port> newPorts) {
        return new EntityRule(nets, notNets, selector, notSelector, namespaceSelector, newPorts, notPorts);
    }

    public EntityRule withNotPorts(List<Port> newNotPorts) {
        return new EntityRule(nets, notNets, selector, notSelector, namespaceSelector, ports, newNotPorts);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        append(sb, "nets", nets.isEmpty() ? null : nets);
        append(sb, "notNets", notNets.isEmpty() ? null : notNets);
        append(sb, "selector", selector);
        append(sb, "notSelector", notSelector);
        append(sb, "namespaceSelector", namespaceSelector);
        append(sb, "ports", ports.isEmpty() ? null : ports);
        append(sb, "notPorts", notPorts.isEmpty() ? null : notPorts);
        return sb.append('}').toString();
    }

    private static void append(StringBuilder sb, String name, Object value) {
        if (value == null) {
            return;
        }
        if (sb.length() > 1) {
            sb.append(", ");
        }
        sb.append(name).append('=').append(Objects.toString(value));
    }
}
