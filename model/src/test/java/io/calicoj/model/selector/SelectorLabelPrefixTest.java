package io.calicoj.model.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.calicoj.model.Labels;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SelectorLabelPrefixTest {

    /** Calico's PrefixVisitor table in parser_test.go, with the prefix "visited/". */
    static Stream<Arguments> everyLabelGetsThePrefix() {
        return Stream.of(
                arguments("k == 'v'", "visited/k == \"v\""),
                arguments("k != 'v'", "visited/k != \"v\""),
                arguments("k contains 'v'", "visited/k contains \"v\""),
                arguments("k starts with 'v'", "visited/k starts with \"v\""),
                arguments("k ends with 'v'", "visited/k ends with \"v\""),
                arguments("k == 'v' && x == 'y'", "(visited/k == \"v\" && visited/x == \"y\")"),
                arguments("k == 'v' || has(x)", "(visited/k == \"v\" || has(visited/x))"),
                arguments("!(k == 'v')", "!visited/k == \"v\""),
                arguments("k in {'v'}", "visited/k in {\"v\"}"),
                arguments("k not in {'v'}", "visited/k not in {\"v\"}"),
                arguments("!(!(k == 'v' && has(t) || all()) && (a in {'b', 'c'}))",
                        "!(!((visited/k == \"v\" && has(visited/t)) || all())"
                                + " && visited/a in {\"b\", \"c\"})"));
    }

    @ParameterizedTest(name = "{0}  ->  {1}")
    @MethodSource
    void everyLabelGetsThePrefix(String selector, String prefixed) {
        assertThat(Selector.parse(selector).withLabelPrefix("visited/").canonical())
                .isEqualTo(prefixed);
    }

    @Test
    void allAndGlobalAreLeftForTheCallerToRewrite() {
        assertThat(Selector.all().withLabelPrefix("pcns.")).isEqualTo(Selector.all());
        assertThat(Selector.global().withLabelPrefix("pcns.")).isEqualTo(Selector.global());
    }

    @Test
    void namespaceSelectorBecomesASelectorOverProfileLabels() {
        Selector namespaceSelector = Selector.parse("team == 'a' && env in {'prod', 'stage'}");
        Selector profileSelector = namespaceSelector.withLabelPrefix("pcns.");
        assertThat(profileSelector).isEqualTo(Selector.parse(
                "pcns.team == 'a' && pcns.env in {'stage', 'prod'}"));
        assertThat(profileSelector.matches(Labels.of(Map.of("pcns.team", "a", "pcns.env", "prod"))))
                .isTrue();
        assertThat(profileSelector.matches(Labels.of(Map.of("team", "a", "env", "prod"))))
                .isFalse();
    }

    @Test
    void prefixingLeavesTheOriginalUnchanged() {
        Selector original = Selector.parse("has(a)");
        original.withLabelPrefix("p.");
        assertThat(original.canonical()).isEqualTo("has(a)");
    }

    @Test
    void emptyPrefixGivesAnEqualSelector() {
        Selector selector = Selector.parse("a in {'x'} || !has(b)");
        assertThat(selector.withLabelPrefix("")).isEqualTo(selector);
    }

    @Test
    void prefixWithCharactersALabelCannotHaveIsRejected() {
        assertThatThrownBy(() -> Selector.parse("has(a)").withLabelPrefix("bad prefix"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Selector.all().withLabelPrefix("("))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
