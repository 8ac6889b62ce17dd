package io.calicoj.model.k8s;

import io.calicoj.model.Port;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Calico's port-list simplification: named ports first (in input order), then numeric ports and
 * ranges merged where they overlap or touch, ascending. A list with at most one numeric port is
 * returned as it was.
 */
final class PortLists {

    private PortLists() {
    }

    static List<Port> simplify(List<Port> ports) {
        if (ports.size() <= 1) {
            return List.copyOf(ports);
        }
        List<Port> numeric = new ArrayList<>();
        List<Port> named = new ArrayList<>();
        for (Port p : ports) {
            if (p.isNamed()) {
                if (!named.contains(p)) {
                    named.add(p);
                }
            } else {
                numeric.add(p);
            }
        }
        if (numeric.size() <= 1 && numeric.stream().allMatch(p -> p.min() == p.max())) {
            return List.copyOf(ports);
        }
        numeric.sort(Comparator.comparingInt(Port::min).thenComparingInt(Port::max));
        List<Port> out = new ArrayList<>();
        for (Port p : numeric) {
            if (!out.isEmpty()) {
                Port last = out.get(out.size() - 1);
                if (p.min() <= last.max() + 1) {
                    out.set(out.size() - 1, Port.range(last.min(), Math.max(last.max(), p.max())));
                    continue;
                }
            }
            out.add(p);
        }
        named.addAll(out);
        return named;
    }
}
