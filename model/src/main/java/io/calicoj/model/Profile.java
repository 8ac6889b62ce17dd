package io.calicoj.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Rules applied after policies to every endpoint that lists the profile, and labels those
 * endpoints inherit ({@code labelsToApply}).
 */
public record Profile(ObjectMeta metadata, Spec spec) implements Resource {

    public record Spec(List<Rule> ingress, List<Rule> egress, Map<String, String> labelsToApply) {
        public Spec {
            ingress = List.copyOf(ingress);
            egress = List.copyOf(egress);
            // Not validated as labels: a namespace profile prefixes Kubernetes' (valid) keys with
            // pcns., which may take a key past Kubernetes' length limits; Calico accepts that too.
            labelsToApply = Map.copyOf(labelsToApply);
        }

        public List<Rule> rules(PolicyType direction) {
            return direction == PolicyType.INGRESS ? ingress : egress;
        }
    }

    public Profile {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
        Resource.checkScope(ResourceKind.PROFILE, metadata);
    }

    /** Felix's stand-in for a profile an endpoint references but that does not exist: drop everything. */
    public static Profile denyAll(String name) {
        return new Profile(ObjectMeta.named(name),
                new Spec(List.of(Rule.of(Action.DENY)), List.of(Rule.of(Action.DENY)), Map.of()));
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.PROFILE;
    }

    /** Whether this is the projection of a Kubernetes namespace ({@code kns.*}) or service account ({@code ksa.*}). */
    public boolean isKubernetesDerived() {
        return metadata.name().startsWith("kns.") || metadata.name().startsWith("ksa.");
    }
}
