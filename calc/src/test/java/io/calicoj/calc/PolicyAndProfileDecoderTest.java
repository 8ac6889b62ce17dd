package io.calicoj.calc;

import static io.calicoj.calc.testing.Resources.globalPolicy;
import static io.calicoj.calc.testing.Resources.globalPolicyId;
import static io.calicoj.calc.testing.Resources.namespace;
import static io.calicoj.calc.testing.Resources.policy;
import static io.calicoj.calc.testing.Resources.policyId;
import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.model.ResourceKey;
import io.calicoj.model.ResourceKind;
import io.calicoj.model.felix.FelixPolicy;
import io.calicoj.model.felix.FelixProfile;
import io.calicoj.model.felix.PolicyId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyAndProfileDecoderTest {

    private final Map<PolicyId, FelixPolicy> policies = new HashMap<>();
    private final Map<String, FelixProfile> profiles = new HashMap<>();

    private final PolicyDecoder policyDecoder = new PolicyDecoder(List.of(new PolicyListener() {
        @Override
        public void onPolicyUpdate(FelixPolicy policy) {
            policies.put(policy.id(), policy);
        }

        @Override
        public void onPolicyRemoved(PolicyId id) {
            policies.remove(id);
        }
    }));

    private final ProfileDecoder profileDecoder = new ProfileDecoder(List.of(new ProfileListener() {
        @Override
        public void onProfileUpdate(FelixProfile profile) {
            profiles.put(profile.name(), profile);
        }

        @Override
        public void onProfileRemoved(String name) {
            profiles.remove(name);
        }
    }));

    @Test
    void policiesArriveAsFelixSeesThemAndADeletionByKeyRemovesTheRightOne() {
        var np = policy("x", "p", 1.0, "app == 'web'", List.of(), List.of());
        var gnp = globalPolicy("g", 2.0, "", "team == 'red'", List.of(), List.of());
        policyDecoder.onNetworkPolicy(np);
        policyDecoder.onGlobalNetworkPolicy(gnp);
        assertThat(policies).containsOnlyKeys(policyId("x", "p"), globalPolicyId("g"));
        assertThat(policies.get(policyId("x", "p")).selector().canonical())
                .isEqualTo("(app == \"web\" && projectcalico.org/namespace == \"x\")");
        assertThat(policies.get(globalPolicyId("g")).selector().canonical()).isEqualTo("pcns.team == \"red\"");

        policyDecoder.onDeletion(ResourceKey.of(ResourceKind.NETWORK_POLICY, "y", "p"));
        assertThat(policies).hasSize(2);
        policyDecoder.onDeletion(np.key());
        assertThat(policies).containsOnlyKeys(globalPolicyId("g"));
    }

    @Test
    void profilesArriveWithRulesAndTheLabelsTheirEndpointsInherit() {
        profileDecoder.onProfile(namespace("x", "team", "red"));
        assertThat(profiles.get("kns.x").labels()).containsEntry("pcns.team", "red")
                .containsEntry("pcns.projectcalico.org/name", "x");
        assertThat(profiles.get("kns.x").inbound()).hasSize(1);
        profileDecoder.onDeletion(ResourceKey.of(ResourceKind.PROFILE, "kns.x"));
        assertThat(profiles).isEmpty();
    }
}
