package io.calicoj.calc;

import static io.calicoj.calc.testing.Resources.allowFrom;
import static io.calicoj.calc.testing.Resources.allowTcpFrom;
import static io.calicoj.calc.testing.Resources.policyId;
import static io.calicoj.calc.testing.Resources.profile;
import static io.calicoj.calc.testing.Resources.scoped;
import static io.calicoj.calc.testing.Resources.selector;
import static io.calicoj.calc.testing.Resources.selectorSet;
import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.calc.testing.Resources;
import io.calicoj.model.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleScannerTest {

    private final List<String> log = new ArrayList<>();
    private final RecordingIpSetActivations sets = new RecordingIpSetActivations(log);
    private final RecordingRules rules = new RecordingRules(log);
    private final RuleScanner scanner = new RuleScanner(sets, rules);

    private final String db = selectorSet(scoped("x", "app == 'db'"));
    private final String api = selectorSet(scoped("x", "app == 'api'"));

    private void policy(String name, Rule... ingress) {
        scanner.onPolicyActive(Decoded.policy(Resources.policy("x", name, 1.0, "",
                List.of(ingress), List.of())));
    }

    @Test
    void identicalSelectorsShareOneSetThatLivesWhileAnyRuleUsesIt() {
        policy("a", allowFrom(selector("app == 'db'")));
        policy("b", allowTcpFrom(selector("app == 'db'"), "80"));
        assertThat(sets.active).containsOnlyKeys(db);

        scanner.onPolicyInactive(policyId("x", "a"));
        assertThat(sets.active).containsOnlyKeys(db);
        scanner.onPolicyInactive(policyId("x", "b"));
        assertThat(sets.active).isEmpty();
        assertThat(rules.policies).isEmpty();
    }

    @Test
    void newSetsComeBeforeTheRulesThatUseThemAndUnusedOnesGoAfter() {
        policy("a", allowFrom(selector("app == 'db'")));
        log.clear();
        policy("a", allowFrom(selector("app == 'api'")));
        assertThat(log).containsExactly("set " + api, "policy default/x/a", "-set " + db);

        log.clear();
        scanner.onPolicyInactive(policyId("x", "a"));
        assertThat(log).containsExactly("-policy default/x/a", "-set " + api);
    }

    @Test
    void unchangedRulesAreNotSentAgain() {
        policy("a", allowFrom(selector("app == 'db'")));
        int events = log.size();
        policy("a", allowFrom(selector("app == 'db'")));
        assertThat(log).hasSize(events);
    }

    @Test
    void profilesHoldSetsToo() {
        scanner.onProfileActive(Decoded.profile(profile("p", Map.of(), List.of(allowFrom(selector("role == 'x'"))),
                List.of())));
        assertThat(sets.active).containsOnlyKeys(selectorSet("role == 'x'"));
        assertThat(rules.profiles).containsOnlyKeys("p");
        scanner.onProfileInactive("p");
        assertThat(sets.active).isEmpty();
        assertThat(rules.profiles).isEmpty();
    }

    @Test
    void inactivatingAnUnknownPolicyOrProfileDoesNothing() {
        scanner.onPolicyInactive(policyId("x", "nope"));
        scanner.onProfileInactive("nope");
        assertThat(log).isEmpty();
    }
}
