package io.calicoj.model.k8s;

import static io.calicoj.model.k8s.KubeFixtures.ipBlock;
import static io.calicoj.model.k8s.KubeFixtures.labels;
import static io.calicoj.model.k8s.KubeFixtures.pod;
import static io.calicoj.model.k8s.KubeFixtures.pods;
import static io.calicoj.model.k8s.KubeFixtures.policy;
import static io.calicoj.model.k8s.KubeFixtures.rule;
import static io.calicoj.model.k8s.KubeFixtures.tcp;
import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.model.NetworkPolicy;
import io.calicoj.model.ResourceKey;
import io.calicoj.model.ResourceKind;
import io.calicoj.model.WorkloadEndpoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The conversion the syncer and calicoctl share: never throws, and whatever cannot be converted counts as deleted. */
class KindConversionTest {

    private final KindConversion<KubePod> pods = KindConversion.pods("cali");

    @Test
    void aPodWithAnAddressIsItsWorkloadEndpoint() {
        Conversion c = pods.convert(pod("web", "a", "node-1", "10.0.0.1", Map.of("app", "fe")));

        assertThat(c).isInstanceOfSatisfying(Conversion.Converted.class, converted -> {
            assertThat(converted.resource()).isInstanceOf(WorkloadEndpoint.class);
            assertThat(converted.resource().key()).isEqualTo(endpointKey("web", "node-1", "a"));
            assertThat(converted.problem()).isEmpty();
        });
    }

    @Test
    void aPodWithoutAnAddressHasNoCalicoCounterpart() {
        assertThat(pods.convert(pod("web", "a", "node-1", null, Map.of()))).isEqualTo(Conversion.ABSENT);
    }

    @Test
    void aPodThatCannotBeConvertedIsInvalidUnderTheKeyItWouldHaveAndTheProblemNamesItsField() {
        Conversion c = pods.convert(pod("web", "a", "node-1", "10.0.0.999", Map.of()));

        assertThat(c).isInstanceOfSatisfying(Conversion.Invalid.class, invalid -> {
            assertThat(invalid.key()).isEqualTo(endpointKey("web", "node-1", "a"));
            assertThat(invalid.problem()).contains("Pod web/a", "10.0.0.999");
        });
    }

    @Test
    void aPolicyThatLostARuleIsConvertedWithTheDroppedRuleAsItsProblem() {
        KubeNetworkPolicy np = policy("web", "mixed", labels("app", "fe"), List.of("Ingress"),
                List.of(rule(List.of(), ipBlock("10.0.0.0/33")), rule(List.of(tcp(80)), pods(labels("app", "be")))),
                List.of());

        Conversion c = KindConversion.networkPolicies().convert(np);

        assertThat(c).isInstanceOfSatisfying(Conversion.Converted.class, converted -> {
            assertThat(((NetworkPolicy) converted.resource()).spec().ingress()).hasSize(1);
            assertThat(converted.problem()).contains("spec.ingress[0]", "10.0.0.0/33", "(rule dropped)");
        });
    }

    @Test
    void aPolicyWhoseSelectorCannotBeConvertedIsInvalid() {
        KubeLabelSelector near = new KubeLabelSelector(Map.of(),
                List.of(new KubeLabelSelector.Requirement("app", "Near", List.of())));
        KubeNetworkPolicy np = policy("web", "p", near, List.of("Ingress"), List.of(), List.of());

        Conversion c = KindConversion.networkPolicies().convert(np);

        assertThat(c).isInstanceOfSatisfying(Conversion.Invalid.class, invalid -> {
            assertThat(invalid.key()).isEqualTo(ResourceKey.of(ResourceKind.NETWORK_POLICY, "web", "knp.default.p"));
            assertThat(invalid.problem()).contains("NetworkPolicy web/p", "spec.podSelector", "Near");
        });
    }

    private static ResourceKey endpointKey(String namespace, String node, String pod) {
        return ResourceKey.of(ResourceKind.WORKLOAD_ENDPOINT, namespace, WorkloadEndpointNames.forPod(node, pod));
    }
}
