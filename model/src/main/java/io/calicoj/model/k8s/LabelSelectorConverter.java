package io.calicoj.model.k8s;

import io.calicoj.model.InvalidResourceException;
import io.calicoj.model.ObjectMeta;
import io.calicoj.model.WellKnownLabels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kubernetes {@code LabelSelector} → Calico selector text, as Calico writes it:
 * {@code matchLabels} in key order as {@code k == 'v'}, then each requirement in order
 * ({@code k in { 'a', 'b' }}, {@code k not in { … }}, {@code has(k)}, {@code ! has(k)}), joined
 * with {@code &&}. Pod selectors start with {@code projectcalico.org/orchestrator == 'k8s'}; an
 * empty namespace selector is {@code all()}.
 */
public final class LabelSelectorConverter {

    private LabelSelectorConverter() {
    }

    /** A pod selector: only Kubernetes pods, then the selector's terms. */
    public static String podSelector(KubeLabelSelector selector) {
        List<String> terms = new ArrayList<>();
        terms.add(WellKnownLabels.ORCHESTRATOR + " == '" + WellKnownLabels.ORCHESTRATOR_K8S + "'");
        terms.addAll(terms(selector));
        return String.join(" && ", terms);
    }

    /** A namespace selector over namespace labels (prefixing with {@code pcns.} happens where it is evaluated). */
    public static String namespaceSelector(KubeLabelSelector selector) {
        if (selector.isEmpty()) {
            return "all()";
        }
        return String.join(" && ", terms(selector));
    }

    private static List<String> terms(KubeLabelSelector selector) {
        List<String> terms = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(selector.matchLabels()).entrySet()) {
            ObjectMeta.checkLabel("matchLabels", e.getKey(), e.getValue());
            terms.add(e.getKey() + " == '" + e.getValue() + "'");
        }
        List<KubeLabelSelector.Requirement> reqs = selector.matchExpressions();
        for (int i = 0; i < reqs.size(); i++) {
            terms.add(requirement("matchExpressions[" + i + "]", reqs.get(i)));
        }
        return terms;
    }

    private static String requirement(String field, KubeLabelSelector.Requirement r) {
        ObjectMeta.checkLabelKey(field + ".key", r.key());
        switch (r.operator()) {
            case "In", "NotIn" -> {
                if (r.values().isEmpty()) {
                    throw new InvalidResourceException(field + ".values", "[]",
                            "operator " + r.operator() + " needs at least one value");
                }
                for (int i = 0; i < r.values().size(); i++) {
                    ObjectMeta.checkLabelValue(field + ".values[" + i + "]", r.values().get(i));
                }
                String op = r.operator().equals("In") ? " in " : " not in ";
                return r.key() + op + "{ '" + String.join("', '", r.values()) + "' }";
            }
            case "Exists", "DoesNotExist" -> {
                if (!r.values().isEmpty()) {
                    throw new InvalidResourceException(field + ".values", r.values(),
                            "operator " + r.operator() + " takes no values");
                }
                return (r.operator().equals("Exists") ? "has(" : "! has(") + r.key() + ")";
            }
            default -> throw new InvalidResourceException(field + ".operator", r.operator(),
                    "must be In, NotIn, Exists or DoesNotExist");
        }
    }
}
