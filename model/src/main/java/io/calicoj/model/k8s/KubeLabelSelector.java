package io.calicoj.model.k8s;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A Kubernetes {@code LabelSelector}: every matchLabels entry and every requirement must hold. */
public record KubeLabelSelector(Map<String, String> matchLabels, List<Requirement> matchExpressions) {

    /** Selects everything. */
    public static final KubeLabelSelector EMPTY = new KubeLabelSelector(Map.of(), List.of());

    public KubeLabelSelector {
        matchLabels = Map.copyOf(matchLabels);
        matchExpressions = List.copyOf(matchExpressions);
    }

    public static KubeLabelSelector matchLabels(Map<String, String> labels) {
        return new KubeLabelSelector(labels, List.of());
    }

    public boolean isEmpty() {
        return matchLabels.isEmpty() && matchExpressions.isEmpty();
    }

    /** {@code key operator values}; the operator is kept as written (In, NotIn, Exists, DoesNotExist). */
    public record Requirement(String key, String operator, List<String> values) {
        public Requirement {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(operator, "operator");
            values = List.copyOf(values);
        }
    }
}
