package io.calicoj.sandbox.conformance;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** One change a step makes to the cluster. */
public sealed interface CaseAction {

    /** Create a NetworkPolicy; {@code manifest} is the object as YAML text, symbols not yet substituted. */
    record CreatePolicy(String manifest) implements CaseAction {
        public CreatePolicy {
            Objects.requireNonNull(manifest, "manifest");
        }
    }

    /** Replace the spec of the policy with the manifest's namespace/name. */
    record UpdatePolicy(String manifest) implements CaseAction {
        public UpdatePolicy {
            Objects.requireNonNull(manifest, "manifest");
        }
    }

    record DeletePolicy(String namespace, String name) implements CaseAction {
    }

    /** Merge labels into a namespace; {@code resultingLabels} is what the case says the namespace then has. */
    record AddNamespaceLabels(String namespace, Map<String, String> labels, Map<String, String> resultingLabels)
            implements CaseAction {
    }

    record RemoveNamespaceLabels(String namespace, List<String> keys, Map<String, String> resultingLabels)
            implements CaseAction {
    }

    record AddPodLabels(PodRef pod, Map<String, String> labels, Map<String, String> resultingLabels)
            implements CaseAction {
    }

    record RemovePodLabels(PodRef pod, List<String> keys, Map<String, String> resultingLabels)
            implements CaseAction {
    }
}
