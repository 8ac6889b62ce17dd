package io.calicoj.model.k8s;

import io.calicoj.model.ObjectMeta;
import io.calicoj.model.Profile;
import io.calicoj.model.Rule;
import io.calicoj.model.WellKnownLabels;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Namespace {@code ns} → Profile {@code kns.ns}: allows everything both ways and applies the
 * namespace's labels to its endpoints as {@code pcns.<key>}, plus {@code pcns.projectcalico.org/name}.
 */
public final class NamespaceConverter {

    public static final String PROFILE_PREFIX = "kns.";

    private NamespaceConverter() {
    }

    public static String profileName(String namespace) {
        return PROFILE_PREFIX + namespace;
    }

    public static Profile toProfile(KubeNamespace namespace) {
        Map<String, String> labels = new HashMap<>();
        for (Map.Entry<String, String> e : namespace.labels().entrySet()) {
            labels.put(WellKnownLabels.NAMESPACE_LABEL_PREFIX + e.getKey(), e.getValue());
        }
        labels.put(WellKnownLabels.NAMESPACE_NAME, namespace.name());
        ObjectMeta meta = ObjectMeta.named(profileName(namespace.name()))
                .withUid(namespace.uid())
                .withResourceVersion(namespace.resourceVersion());
        return new Profile(meta, new Profile.Spec(List.of(Rule.allowAll()), List.of(Rule.allowAll()), labels));
    }
}
