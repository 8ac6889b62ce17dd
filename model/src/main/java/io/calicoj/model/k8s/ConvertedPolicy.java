package io.calicoj.model.k8s;

import io.calicoj.model.InvalidResourceException;
import io.calicoj.model.NetworkPolicy;
import java.util.List;
import java.util.Objects;

/**
 * The result of converting a Kubernetes NetworkPolicy: the Calico policy, plus the Kubernetes
 * rules that could not be converted and were dropped. Every Kubernetes rule allows, so dropping
 * one only narrows what the policy allows; the pods it selects stay isolated.
 */
public record ConvertedPolicy(NetworkPolicy policy, List<InvalidResourceException> droppedRules) {
    public ConvertedPolicy {
        Objects.requireNonNull(policy, "policy");
        droppedRules = List.copyOf(droppedRules);
    }

    public boolean isComplete() {
        return droppedRules.isEmpty();
    }
}
