package io.calicoj.calc;

import static io.calicoj.calc.testing.Resources.allowFrom;
import static io.calicoj.calc.testing.Resources.labels;
import static io.calicoj.calc.testing.Resources.namespace;
import static io.calicoj.calc.testing.Resources.pod;
import static io.calicoj.calc.testing.Resources.policy;
import static io.calicoj.calc.testing.Resources.policyId;
import static io.calicoj.calc.testing.Resources.profile;
import static io.calicoj.calc.testing.Resources.selector;
import static io.calicoj.calc.testing.Resources.withProfiles;
import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.model.Action;
import io.calicoj.model.Rule;
import io.calicoj.model.WorkloadEndpoint;
import io.calicoj.model.felix.FelixRule;
import io.calicoj.model.felix.PolicyId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActiveRulesCalculatorTest {

    private final RecordingActiveRules rules = new RecordingActiveRules();
    private final RecordingPolicyMatches matches = new RecordingPolicyMatches();
    private final ActiveRulesCalculator arc = new ActiveRulesCalculator(rules, matches);

    private final WorkloadEndpoint web = pod("x", "a", "node-a", "10.0.0.1", labels("app", "web"));
    private final WorkloadEndpoint db = pod("x", "b", "node-a", "10.0.0.2", labels("app", "db"));
    private final PolicyId webPolicy = policyId("x", "web");

    private void endpoint(WorkloadEndpoint w) {
        arc.onEndpointUpdate(Decoded.endpoint(w));
    }

    private void webPolicy(List<Rule> ingress) {
        arc.onPolicyUpdate(Decoded.policy(policy("x", "web", 1.0, "app == 'web'", ingress, List.of())));
    }

    @Test
    void aPolicyIsActiveExactlyWhileItSelectsALocalEndpoint() {
        webPolicy(List.of());
        assertThat(rules.policies).isEmpty();

        endpoint(web);
        assertThat(rules.policies).containsOnlyKeys(webPolicy);
        assertThat(matches.matches).containsExactly(Map.entry(webPolicy, web.key()));

        endpoint(pod("x", "a", "node-a", "10.0.0.1", labels("app", "api")));
        assertThat(rules.policies).isEmpty();
        assertThat(matches.matches).isEmpty();
    }

    @Test
    void aPolicyStaysActiveUntilItsLastEndpointGoes() {
        arc.onPolicyUpdate(Decoded.policy(policy("x", "all", 1.0, "", List.of(), List.of())));
        endpoint(web);
        endpoint(db);
        arc.onEndpointRemoved(web.key());
        assertThat(rules.policies).containsOnlyKeys(policyId("x", "all"));
        arc.onEndpointRemoved(db.key());
        assertThat(rules.policies).isEmpty();
    }

    @Test
    void aRuleChangeOfAnActivePolicyIsPassedOnButADuplicateIsNot() {
        endpoint(web);
        webPolicy(List.of());
        webPolicy(List.of(allowFrom(selector("app == 'db'"))));
        assertThat(rules.policies.get(webPolicy).inbound()).extracting(FelixRule::rule)
                .containsExactly(allowFrom(selector("app == 'db'")));

        int events = rules.events;
        webPolicy(List.of(allowFrom(selector("app == 'db'"))));
        assertThat(rules.events).isEqualTo(events);
    }

    @Test
    void deletingAPolicyDeactivatesItAndStopsItsMatches() {
        endpoint(web);
        webPolicy(List.of());
        arc.onPolicyRemoved(webPolicy);
        assertThat(rules.policies).isEmpty();
        assertThat(matches.matches).isEmpty();
    }

    @Test
    void aProfileIsActiveWhileALocalEndpointListsIt() {
        arc.onProfileUpdate(Decoded.profile(namespace("x")));
        assertThat(rules.profiles).isEmpty();
        endpoint(web);
        endpoint(db);
        assertThat(rules.profiles).containsOnlyKeys("kns.x");
        arc.onEndpointRemoved(web.key());
        assertThat(rules.profiles).containsOnlyKeys("kns.x");
        arc.onEndpointRemoved(db.key());
        assertThat(rules.profiles).isEmpty();
    }

    @Test
    void aMissingProfileIsDenyAllUntilItArrivesAndAgainAfterItIsDeleted() {
        endpoint(web);
        assertThat(rules.profiles.get("kns.x").inbound()).extracting(r -> r.rule().action())
                .containsExactly(Action.DENY);
        assertThat(rules.profiles.get("kns.x").outbound()).extracting(r -> r.rule().action())
                .containsExactly(Action.DENY);

        arc.onProfileUpdate(Decoded.profile(namespace("x")));
        assertThat(rules.profiles.get("kns.x").inbound()).extracting(r -> r.rule().action())
                .containsExactly(Action.ALLOW);

        arc.onProfileRemoved("kns.x");
        assertThat(rules.profiles.get("kns.x").inbound()).extracting(r -> r.rule().action())
                .containsExactly(Action.DENY);
    }

    @Test
    void changingAnEndpointsProfilesMovesTheReferences() {
        endpoint(web);
        endpoint(withProfiles(web, "kns.x", "extra"));
        assertThat(rules.profiles).containsOnlyKeys("kns.x", "extra");
        endpoint(withProfiles(web, "extra"));
        assertThat(rules.profiles).containsOnlyKeys("extra");
    }

    @Test
    void policiesSeeLabelsInheritedFromProfiles() {
        arc.onPolicyUpdate(Decoded.policy(policy("x", "red", 1.0, "pcns.team == 'red'", List.of(), List.of())));
        endpoint(web);
        assertThat(rules.policies).isEmpty();
        arc.onProfileUpdate(Decoded.profile(namespace("x", "team", "red")));
        assertThat(rules.policies).containsOnlyKeys(policyId("x", "red"));
        arc.onProfileUpdate(Decoded.profile(profile("kns.x", labels("pcns.team", "blue"), List.of(), List.of())));
        assertThat(rules.policies).isEmpty();
    }
}
