package io.calicoj.calc.labelindex;

import io.calicoj.model.selector.And;
import io.calicoj.model.selector.Contains;
import io.calicoj.model.selector.EndsWith;
import io.calicoj.model.selector.Equals;
import io.calicoj.model.selector.Has;
import io.calicoj.model.selector.In;
import io.calicoj.model.selector.Not;
import io.calicoj.model.selector.NotEquals;
import io.calicoj.model.selector.NotIn;
import io.calicoj.model.selector.Or;
import io.calicoj.model.selector.Selector;
import io.calicoj.model.selector.StartsWith;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A necessary condition of a selector on one label: every item the selector matches has the
 * label, with one of {@code values} unless {@code values} is {@code null} (any value). Calico's
 * {@code labelrestrictionindex} idea: an index keyed by such conditions finds the few items a
 * selector can match, and the few selectors an item can match, without scanning everything.
 *
 * @param values the allowed values (possibly empty: the selector matches nothing), or {@code null} for any value
 */
record LabelRestriction(String label, Set<String> values) {

    LabelRestriction {
        Objects.requireNonNull(label, "label");
        values = values == null ? null : Set.copyOf(values);
    }

    static LabelRestriction anyValue(String label) {
        return new LabelRestriction(label, null);
    }

    boolean anyValue() {
        return values == null;
    }

    /**
     * The conditions {@code selector} imposes, one per label: an {@code &&} keeps every
     * operand's (intersecting values on the same label), an {@code ||} keeps the labels that
     * every operand restricts (uniting values). Negations, {@code !=}, {@code not in} and
     * {@code all()} impose none.
     */
    static Map<String, LabelRestriction> of(Selector selector) {
        if (selector instanceof Equals e) {
            return Map.of(e.label(), new LabelRestriction(e.label(), Set.of(e.value())));
        }
        if (selector instanceof In in) {
            return Map.of(in.label(), new LabelRestriction(in.label(), Set.copyOf(in.values())));
        }
        if (selector instanceof Has h) {
            return Map.of(h.label(), anyValue(h.label()));
        }
        if (selector instanceof Contains c) {
            return Map.of(c.label(), anyValue(c.label()));
        }
        if (selector instanceof StartsWith s) {
            return Map.of(s.label(), anyValue(s.label()));
        }
        if (selector instanceof EndsWith e) {
            return Map.of(e.label(), anyValue(e.label()));
        }
        if (selector instanceof And and) {
            return conjunction(and.operands());
        }
        if (selector instanceof Or or) {
            return disjunction(or.operands());
        }
        return Map.of();
    }

    /** Every label the selector reads: its result can change only when one of these does. */
    static Set<String> referencedLabels(Selector selector) {
        Set<String> out = new HashSet<>();
        collectLabels(selector, out);
        return out;
    }

    private static void collectLabels(Selector s, Set<String> out) {
        if (s instanceof And and) {
            and.operands().forEach(o -> collectLabels(o, out));
        } else if (s instanceof Or or) {
            or.operands().forEach(o -> collectLabels(o, out));
        } else if (s instanceof Not not) {
            collectLabels(not.operand(), out);
        } else if (s instanceof Equals e) {
            out.add(e.label());
        } else if (s instanceof NotEquals e) {
            out.add(e.label());
        } else if (s instanceof In in) {
            out.add(in.label());
        } else if (s instanceof NotIn in) {
            out.add(in.label());
        } else if (s instanceof Has h) {
            out.add(h.label());
        } else if (s instanceof Contains c) {
            out.add(c.label());
        } else if (s instanceof StartsWith w) {
            out.add(w.label());
        } else if (s instanceof EndsWith w) {
            out.add(w.label());
        }
    }

    private static Map<String, LabelRestriction> conjunction(List<Selector> operands) {
        Map<String, LabelRestriction> out = new HashMap<>();
        for (Selector operand : operands) {
            for (LabelRestriction r : of(operand).values()) {
                out.merge(r.label(), r, LabelRestriction::intersect);
            }
        }
        return out;
    }

    private static Map<String, LabelRestriction> disjunction(List<Selector> operands) {
        Map<String, LabelRestriction> out = null;
        for (Selector operand : operands) {
            Map<String, LabelRestriction> next = of(operand);
            if (out == null) {
                out = new HashMap<>(next);
                continue;
            }
            out.keySet().retainAll(next.keySet());
            out.replaceAll((label, r) -> r.unite(next.get(label)));
        }
        return out == null ? Map.of() : out;
    }

    private LabelRestriction intersect(LabelRestriction other) {
        if (anyValue()) {
            return other;
        }
        if (other.anyValue()) {
            return this;
        }
        Set<String> both = new HashSet<>(values);
        both.retainAll(other.values);
        return new LabelRestriction(label, both);
    }

    private LabelRestriction unite(LabelRestriction other) {
        if (anyValue() || other.anyValue()) {
            return anyValue(label);
        }
        Set<String> either = new HashSet<>(values);
        either.addAll(other.values);
        return new LabelRestriction(label, either);
    }
}
