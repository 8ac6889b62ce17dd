package io.calicoj.model.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.calicoj.model.Labels;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SelectorMatchingTest {

    private static final Map<String, String> K_IS_X = Map.of("k", "x");
    private static final Map<String, String> K_IS_Y = Map.of("k", "y");
    private static final Map<String, String> NO_K = Map.of("other", "x");

    private static boolean matches(String selector, Map<String, String> labels) {
        return Selector.parse(selector).matches(Labels.of(labels));
    }

    /** The semantics table: (selector, k = "x", k = "y", k absent). */
    static Stream<Arguments> semanticsTable() {
        return Stream.of(
                arguments("k == 'x'", true, false, false),
                arguments("k != 'x'", false, true, true),
                arguments("has(k)", true, true, false),
                arguments("!has(k)", false, false, true),
                arguments("k in {'x', 'z'}", true, false, false),
                arguments("k in {}", false, false, false),
                arguments("k not in {'x', 'z'}", false, true, true),
                arguments("k not in {}", true, true, true),
                arguments("k contains 'x'", true, false, false),
                arguments("k starts with 'x'", true, false, false),
                arguments("k ends with 'x'", true, false, false),
                arguments("all()", true, true, true),
                arguments("global()", true, true, true));
    }

    @ParameterizedTest(name = "{0}: k=x {1}, k=y {2}, absent {3}")
    @MethodSource
    void semanticsTable(String selector, boolean kIsX, boolean kIsY, boolean absent) {
        assertThat(matches(selector, K_IS_X)).as("k = x").isEqualTo(kIsX);
        assertThat(matches(selector, K_IS_Y)).as("k = y").isEqualTo(kIsY);
        assertThat(matches(selector, NO_K)).as("k absent").isEqualTo(absent);
    }

    @Test
    void notEqualsMatchesEndpointsWithoutTheLabel() {
        assertThat(matches("role != 'db'", Map.of())).isTrue();
    }

    @Test
    void equalsDoesNotMatchEndpointsWithoutTheLabel() {
        assertThat(matches("role == ''", Map.of())).isFalse();
        assertThat(matches("role == ''", Map.of("role", ""))).isTrue();
    }

    @Test
    void notInMatchesEndpointsWithoutTheLabel() {
        assertThat(matches("role not in {'db'}", Map.of())).isTrue();
    }

    @Test
    void inWithAnEmptySetNeverMatches() {
        assertThat(matches("role in {}", Map.of("role", ""))).isFalse();
    }

    @Test
    void substringOperatorsAreFalseWithoutTheLabelEvenForAnEmptyString() {
        assertThat(matches("k contains ''", Map.of())).isFalse();
        assertThat(matches("k starts with ''", Map.of())).isFalse();
        assertThat(matches("k ends with ''", Map.of())).isFalse();
        assertThat(matches("k contains ''", Map.of("k", ""))).isTrue();
    }

    @Test
    void substringOperatorsTestPartsOfTheValue() {
        Map<String, String> labels = Map.of("image", "registry.example/nginx:1.25");
        assertThat(matches("image contains 'nginx'", labels)).isTrue();
        assertThat(matches("image contains 'apache'", labels)).isFalse();
        assertThat(matches("image starts with 'registry.'", labels)).isTrue();
        assertThat(matches("image starts with 'nginx'", labels)).isFalse();
        assertThat(matches("image ends with ':1.25'", labels)).isTrue();
        assertThat(matches("image ends with 'nginx'", labels)).isFalse();
    }

    @Test
    void aLabelWithAnEmptyValueIsPresent() {
        assertThat(matches("has(tag)", Map.of("tag", ""))).isTrue();
        assertThat(matches("tag != 'x'", Map.of("tag", ""))).isTrue();
    }

    @Test
    void inheritedLabelsAreSeenLikeOwnLabels() {
        Labels labels = Labels.inherited(Map.of("app", "web"), List.of(Map.of("pcns.team", "a")));
        assertThat(Selector.parse("app == 'web' && pcns.team == 'a'").matches(labels)).isTrue();
    }

    /** Calico's parser_test.go selectorTests: selector, labels it matches, labels it does not. */
    static Stream<Arguments> calicoSelectorTests() {
        Map<String, String> none = Map.of();
        return Stream.of(
                arguments("a == \"b\"", List.of(Map.of("a", "b"), Map.of("a", "b", "c", "d")),
                        List.of(none, Map.of("a", "c"), Map.of("c", "d"))),
                arguments("a == \"b\" && c == \"d\"", List.of(Map.of("a", "b", "c", "d")),
                        List.of(none, Map.of("a", "b", "c", "e"), Map.of("a", "c", "c", "d"),
                                Map.of("c", "d"), Map.of("a", "b"))),
                arguments("a == \"b\" || c == \"d\"",
                        List.of(Map.of("a", "b", "c", "d"), Map.of("a", "b"), Map.of("c", "d")),
                        List.of(none, Map.of("a", "e", "c", "e"), Map.of("c", "e"),
                                Map.of("a", "e"))),
                arguments("a in {\"'\", '\"', \"c\"}",
                        List.of(Map.of("a", "c"), Map.of("a", "\""), Map.of("a", "'")),
                        List.of(none, Map.of("a", "e"))),
                arguments("a not in {\"'\", '\"', \"c\"}", List.of(none, Map.of("a", "e")),
                        List.of(Map.of("a", "c"), Map.of("a", "\""), Map.of("a", "'"))),
                arguments("a contains \"a\"",
                        List.of(Map.of("a", "a"), Map.of("a", "bab"), Map.of("a", "aaa", "b", "c")),
                        List.of(none, Map.of("a", "b"), Map.of("b", "aaa"))),
                arguments("a starts with \"a\"",
                        List.of(Map.of("a", "a"), Map.of("a", "abb"), Map.of("a", "aaa", "b", "c")),
                        List.of(none, Map.of("a", "b"), Map.of("a", "baa"), Map.of("b", "aaa"))),
                arguments("a ends with \"a\"",
                        List.of(Map.of("a", "a"), Map.of("a", "bba"), Map.of("a", "aaa", "b", "c")),
                        List.of(none, Map.of("a", "b"), Map.of("a", "aab"), Map.of("b", "aaa"))),
                arguments("!a in {\"a\"}", List.of(Map.of("a", "b")), List.of(Map.of("a", "a"))),
                arguments("a != \"a\"", List.of(none), List.of(Map.of("a", "a"))),
                arguments("!!has(b)", List.of(Map.of("b", "")), List.of(Map.of("a", "b"))),
                arguments("!! ! has(a)", List.of(Map.of("b", "b")), List.of(Map.of("a", "b"))),
                arguments("! !!has(a)", List.of(Map.of("b", "b")), List.of(Map.of("a", "b"))),
                arguments("", List.of(none, Map.of("a", "b")), List.of()),
                arguments(" global()", List.of(none, Map.of("a", "b")), List.of()),
                arguments("a != 'a1' && !b == 'b1'", List.of(Map.of("a", "a2", "b", "b2")),
                        List.of(Map.of("a", "a1", "b", "b1"))),
                arguments("!(!has(a) || has(b))", List.of(Map.of("a", "a")),
                        List.of(Map.of("a", "a", "b", "b"), none)),
                arguments("! a == 'a1' || ! b == 'b1'", List.of(Map.of("a", "a1")),
                        List.of(Map.of("a", "a1", "b", "b1"))));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource
    void calicoSelectorTests(String selector, List<Map<String, String>> matching,
            List<Map<String, String>> notMatching) {
        Selector parsed = Selector.parse(selector);
        Selector reparsed = Selector.parse(parsed.canonical());
        for (Map<String, String> labels : matching) {
            assertThat(parsed.matches(Labels.of(labels))).as("%s", labels).isTrue();
            assertThat(reparsed.matches(Labels.of(labels))).as("canonical, %s", labels).isTrue();
        }
        for (Map<String, String> labels : notMatching) {
            assertThat(parsed.matches(Labels.of(labels))).as("%s", labels).isFalse();
            assertThat(reparsed.matches(Labels.of(labels))).as("canonical, %s", labels).isFalse();
        }
    }

    @Test
    void andStopsAtTheFirstFalseOperandAndOrAtTheFirstTrueOne() {
        int[] lookups = new int[1];
        Labels counting = key -> {
            lookups[0]++;
            return null;
        };
        Selector.parse("has(a) && has(b) && has(c)").matches(counting);
        assertThat(lookups[0]).isEqualTo(1);
        lookups[0] = 0;
        Selector.parse("!has(a) || has(b) || has(c)").matches(counting);
        assertThat(lookups[0]).isEqualTo(1);
    }

    @Test
    void matchingDoesNotAllocate() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Selector selector = Selector.parse("(a == 'x' && b in {'1', '2', '3'} && c not in {'q'}"
                + " && !has(d) && e contains 'z' && f starts with 'p' && g ends with 's'"
                + " && h != 'v' && global()) || all()");
        Labels labels = Labels.of(Map.of("a", "x", "b", "2", "c", "r", "e", "xyz", "f", "pq",
                "g", "is", "h", "w"));
        boolean all = true;
        for (int i = 0; i < 20_000; i++) {
            all &= selector.matches(labels);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 200_000; i++) {
            all &= selector.matches(labels);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(all).isTrue();
        // Reading the counter itself may allocate a little; 200,000 evaluations must not.
        assertThat(allocated).isLessThan(4096);
    }
}
