package io.calicoj.model.felix;

import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.model.EntityRule;
import io.calicoj.model.GlobalNetworkPolicy;
import io.calicoj.model.NetworkPolicy;
import io.calicoj.model.ObjectMeta;
import io.calicoj.model.PolicySpec;
import io.calicoj.model.PolicyType;
import io.calicoj.model.SelectorExpression;
import io.calicoj.model.selector.Selector;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The selector strings Calico's update processors hand to Felix (calico-v3 facts §4). */
class FelixProjectionTest {

    private static EntityRule side(String selector, String namespaceSelector) {
        EntityRule r = EntityRule.ANY;
        if (selector != null) {
            r = r.withSelector(SelectorExpression.parse(selector));
        }
        if (namespaceSelector != null) {
            r = r.withNamespaceSelector(SelectorExpression.parse(namespaceSelector));
        }
        return r;
    }

    @Test
    void aPodSelectorPeerIsScopedToThePolicysNamespace() {
        assertThat(FelixProjection.scopedSelector(side("projectcalico.org/orchestrator == 'k8s' && app == 'x'", null), "ns"))
                .isEqualTo("(projectcalico.org/namespace == 'ns') && (projectcalico.org/orchestrator == 'k8s' && app == 'x')");
    }

    @Test
    void anEmptyNamespaceSelectorMeansAnyNamespace() {
        assertThat(FelixProjection.scopedSelector(side("projectcalico.org/orchestrator == 'k8s'", "all()"), "ns"))
                .isEqualTo("(has(projectcalico.org/namespace)) && (projectcalico.org/orchestrator == 'k8s')");
    }

    @Test
    void aNamespaceSelectorIsPrefixedWithPcnsInCanonicalForm() {
        assertThat(FelixProjection.scopedSelector(side("projectcalico.org/orchestrator == 'k8s'", "key == 'value'"), "ns"))
                .isEqualTo("(pcns.key == \"value\") && (projectcalico.org/orchestrator == 'k8s')");
    }

    @Test
    void globalInANamespaceSelectorMeansOutsideEveryNamespace() {
        assertThat(FelixProjection.scopedSelector(side(null, "global()"), ""))
                .isEqualTo("!has(projectcalico.org/namespace)");
    }

    @Test
    void aSideWithOnlyNetsOrPortsStaysUnscoped() {
        assertThat(FelixProjection.scopedSelector(EntityRule.ANY, "ns")).isEmpty();
    }

    @Test
    void globalPoliciesAndProfilesDoNotScopeRuleSelectors() {
        assertThat(FelixProjection.scopedSelector(side("app == 'x'", null), "")).isEqualTo("app == 'x'");
    }

    @Test
    void aNotSelectorAloneScopesThePositiveSelectorToTheNamespace() {
        EntityRule r = EntityRule.ANY.withNotSelector(SelectorExpression.parse("has(x)"));
        assertThat(FelixProjection.scopedSelector(r, "n2")).isEqualTo("projectcalico.org/namespace == 'n2'");
        FelixRule fr = FelixProjection.rule(io.calicoj.model.Rule.allowAll().withSource(r), "n2");
        assertThat(fr.notSrcSelector()).isEqualTo(Selector.parse("has(x)"));
    }

    @Test
    void aNamespacedPolicySelectsOnlyItsNamespace() {
        NetworkPolicy np = new NetworkPolicy(ObjectMeta.namespaced("default", "knp.default.p"),
                PolicySpec.of(1000.0, SelectorExpression.parse("projectcalico.org/orchestrator == 'k8s'"),
                        List.of(PolicyType.INGRESS), List.of(), List.of()));
        FelixPolicy fp = FelixProjection.project(np);
        assertThat(fp.id()).isEqualTo(new PolicyId("default", "default/knp.default.p"));
        assertThat(fp.selector()).isEqualTo(Selector.parse(
                "(projectcalico.org/orchestrator == 'k8s') && projectcalico.org/namespace == 'default'"));
        assertThat(fp.governs(PolicyType.INGRESS)).isTrue();
        assertThat(fp.governs(PolicyType.EGRESS)).isFalse();
    }

    @Test
    void anEmptyNamespacedPolicySelectorIsJustTheNamespace() {
        NetworkPolicy np = new NetworkPolicy(ObjectMeta.namespaced("x", "deny"),
                PolicySpec.of(null, SelectorExpression.EMPTY, List.of(), List.of(), List.of()));
        assertThat(FelixProjection.project(np).selector()).isEqualTo(Selector.parse("projectcalico.org/namespace == 'x'"));
    }

    @Test
    void aGlobalPolicysNamespaceSelectorIsAndedInWithAllMeaningAnyNamespace() {
        GlobalNetworkPolicy gnp = new GlobalNetworkPolicy(ObjectMeta.named("g"),
                new PolicySpec("default", 10.0, SelectorExpression.parse("all()"), SelectorExpression.parse("team == 'a'"),
                        List.of(), List.of(), List.of(), false, false, false));
        assertThat(FelixProjection.project(gnp).selector())
                .isEqualTo(Selector.parse("(has(projectcalico.org/namespace)) && pcns.team == \"a\""));
    }

    @Test
    void policiesSortByOrderThenNameWithUnorderedLast() {
        FelixPolicy a = policy("b", 5.0);
        FelixPolicy b = policy("a", 5.0);
        FelixPolicy c = policy("0", null);
        FelixPolicy d = policy("z", 1.0);
        List<FelixPolicy> sorted = new java.util.ArrayList<>(List.of(a, b, c, d));
        sorted.sort(PolicyOrder.COMPARATOR);
        assertThat(sorted).extracting(p -> p.id().name()).containsExactly("z", "a", "b", "0");
    }

    private static FelixPolicy policy(String name, Double order) {
        return new FelixPolicy(PolicyId.global("default", name), order, Selector.all(), java.util.Set.of(),
                List.of(), List.of(), false, false, false);
    }
}
