package io.calicoj.model.k8s;

import java.util.Map;
import java.util.Objects;

/** The fields of a Kubernetes Namespace that Calico uses. */
public record KubeNamespace(String name, String uid, String resourceVersion, Map<String, String> labels) {
    public KubeNamespace {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(resourceVersion, "resourceVersion");
        labels = Map.copyOf(labels);
    }
}
