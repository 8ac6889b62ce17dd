package io.calicoj.calc.labelindex;

import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.model.selector.Selector;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LabelRestrictionTest {

    private static Map<String, LabelRestriction> of(String selector) {
        return LabelRestriction.of(Selector.parse(selector));
    }

    @Test
    void equalityAndSetMembershipRestrictValues() {
        assertThat(of("a == 'x'")).containsExactly(Map.entry("a", new LabelRestriction("a", Set.of("x"))));
        assertThat(of("a in {'x', 'y'}")).containsExactly(Map.entry("a", new LabelRestriction("a", Set.of("x", "y"))));
    }

    @Test
    void presenceTestsRestrictToTheLabelWithAnyValue() {
        for (String s : new String[] {"has(a)", "a contains 'x'", "a starts with 'x'", "a ends with 'x'"}) {
            assertThat(of(s)).as(s).containsExactly(Map.entry("a", LabelRestriction.anyValue("a")));
        }
    }

    @Test
    void aConjunctionKeepsEveryOperandsRestrictionIntersectingValues() {
        assertThat(of("(projectcalico.org/namespace == 'x') && (app == 'web')")).containsOnly(
                Map.entry("projectcalico.org/namespace", new LabelRestriction("projectcalico.org/namespace", Set.of("x"))),
                Map.entry("app", new LabelRestriction("app", Set.of("web"))));
        assertThat(of("a in {'x', 'y'} && a == 'y' && has(a)")).containsExactly(
                Map.entry("a", new LabelRestriction("a", Set.of("y"))));
        assertThat(of("a == 'x' && a == 'y'")).containsExactly(Map.entry("a", new LabelRestriction("a", Set.of())));
    }

    @Test
    void aDisjunctionKeepsOnlyLabelsEveryBranchRestrictsUnitingValues() {
        assertThat(of("(a == 'x' && b == '1') || a == 'y'")).containsExactly(
                Map.entry("a", new LabelRestriction("a", Set.of("x", "y"))));
        assertThat(of("a == 'x' || has(a)")).containsExactly(Map.entry("a", LabelRestriction.anyValue("a")));
        assertThat(of("a == 'x' || b == 'y'")).isEmpty();
    }

    @Test
    void negationsAndInequalitiesRestrictNothing() {
        for (String s : new String[] {"!has(a)", "a != 'x'", "a not in {'x'}", "all()", "global()", "!(a == 'x')"}) {
            assertThat(of(s)).as(s).isEmpty();
        }
    }

    @Test
    void referencedLabelsAreEveryLabelTheSelectorReads() {
        assertThat(LabelRestriction.referencedLabels(Selector.parse(
                "!(a == 'x' || b != 'y') && c in {'1'} && !d not in {'2'} && has(e) && f contains 'g'"
                        + " && h starts with 'i' && j ends with 'k' && all()")))
                .containsExactlyInAnyOrder("a", "b", "c", "d", "e", "f", "h", "j");
    }
}
