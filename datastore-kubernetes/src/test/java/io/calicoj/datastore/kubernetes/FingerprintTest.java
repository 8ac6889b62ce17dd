package io.calicoj.datastore.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.model.Profile;
import io.calicoj.model.k8s.KubeNamespace;
import io.calicoj.model.k8s.KubeNetworkPolicy;
import io.calicoj.model.k8s.KubeLabelSelector;
import io.calicoj.model.k8s.NamespaceConverter;
import io.calicoj.model.k8s.NetworkPolicyConverter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FingerprintTest {

    private static Profile profile(String resourceVersion, Map<String, String> labels) {
        return NamespaceConverter.toProfile(new KubeNamespace("web", "uid-1", resourceVersion, labels));
    }

    @Test
    void aNewResourceVersionOfTheSameValueHasTheSameFingerprint() {
        assertThat(Fingerprint.of(profile("1", Map.of("a", "1")))).isEqualTo(Fingerprint.of(profile("2", Map.of("a", "1"))));
    }

    @Test
    void theOrderInWhichMapsWereBuiltDoesNotMatter() {
        Map<String, String> ab = new LinkedHashMap<>();
        Map<String, String> ba = new LinkedHashMap<>();
        for (int i = 0; i < 50; i++) {
            ab.put("k" + i, "v" + i);
        }
        for (int i = 49; i >= 0; i--) {
            ba.put("k" + i, "v" + i);
        }
        assertThat(Fingerprint.of(profile("1", ab))).isEqualTo(Fingerprint.of(profile("1", ba)));
    }

    @Test
    void anyChangeOfContentChangesTheFingerprint() {
        Fingerprint base = Fingerprint.of(profile("1", Map.of("a", "1")));
        assertThat(Fingerprint.of(profile("1", Map.of("a", "2")))).isNotEqualTo(base);
        assertThat(Fingerprint.of(profile("1", Map.of("a", "1", "b", "")))).isNotEqualTo(base);
        assertThat(Fingerprint.of(NamespaceConverter.toProfile(new KubeNamespace("web", "uid-2", "1", Map.of("a", "1")))))
                .isNotEqualTo(base);
    }

    @Test
    void policiesThatDifferOnlyInTheirSelectorDiffer() {
        KubeNetworkPolicy a = new KubeNetworkPolicy("web", "p", "u", "1", "", KubeLabelSelector.matchLabels(Map.of("app", "a")),
                List.of(), List.of(), List.of());
        KubeNetworkPolicy b = new KubeNetworkPolicy("web", "p", "u", "1", "", KubeLabelSelector.matchLabels(Map.of("app", "b")),
                List.of(), List.of(), List.of());
        assertThat(Fingerprint.of(NetworkPolicyConverter.toCalico(a).policy()))
                .isNotEqualTo(Fingerprint.of(NetworkPolicyConverter.toCalico(b).policy()));
    }
}
