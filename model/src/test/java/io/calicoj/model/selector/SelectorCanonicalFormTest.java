package io.calicoj.model.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SelectorCanonicalFormTest {

    @Test
    void specVectorAndOfTwoEqualitiesIsParenthesisedWithDoubleQuotes() {
        assertThat(Selector.parse("calico/k8s_ns == 'default' && role == 'frontend'").canonical())
                .isEqualTo("(calico/k8s_ns == \"default\" && role == \"frontend\")");
    }

    @Test
    void eachNodeKindRendersLikeCalico() {
        assertThat(Selector.all().canonical()).isEqualTo("all()");
        assertThat(Selector.global().canonical()).isEqualTo("global()");
        assertThat(new Has("calico/k8s_ns").canonical()).isEqualTo("has(calico/k8s_ns)");
        assertThat(new Equals("a", "b").canonical()).isEqualTo("a == \"b\"");
        assertThat(new NotEquals("a", "b").canonical()).isEqualTo("a != \"b\"");
        assertThat(new Contains("a", "b").canonical()).isEqualTo("a contains \"b\"");
        assertThat(new StartsWith("a", "b").canonical()).isEqualTo("a starts with \"b\"");
        assertThat(new EndsWith("a", "b").canonical()).isEqualTo("a ends with \"b\"");
        assertThat(new In("a", List.of("b", "c")).canonical()).isEqualTo("a in {\"b\", \"c\"}");
        assertThat(new NotIn("a", List.of("b")).canonical()).isEqualTo("a not in {\"b\"}");
        assertThat(new In("a", List.of()).canonical()).isEqualTo("a in {}");
        assertThat(new Not(new Has("a")).canonical()).isEqualTo("!has(a)");
        assertThat(new Or(List.of(new Has("a"), new Has("b"), new Has("c"))).canonical())
                .isEqualTo("(has(a) || has(b) || has(c))");
    }

    @Test
    void valueContainingADoubleQuoteIsSingleQuoted() {
        assertThat(new Equals("a", "say \"hi\"").canonical()).isEqualTo("a == 'say \"hi\"'");
        assertThat(new Equals("a", "it's").canonical()).isEqualTo("a == \"it's\"");
        assertThat(new In("a", List.of("'", "\"", "c")).canonical())
                .isEqualTo("a in {'\"', \"'\", \"c\"}");
    }

    @Test
    void negationIsWrittenDirectlyBeforeItsOperand() {
        assertThat(new Not(new And(List.of(new Has("a"), new Has("b")))).canonical())
                .isEqualTo("!(has(a) && has(b))");
        assertThat(new Not(new Equals("a", "b")).canonical()).isEqualTo("!a == \"b\"");
    }

    static Stream<Arguments> parsedTextHasCalicosCanonicalForm() {
        return Stream.of(
                // Inputs and outputs from Calico's parser_test.go canonicalisation table.
                arguments("", "all()"),
                arguments(" all() ", "all()"),
                arguments(" (all() )", "all()"),
                arguments("! (has( b)||! has(a ))", "!(has(b) || !has(a))"),
                arguments("! (a == \"b\"&&! c != \"d\")", "!(a == \"b\" && !c != \"d\")"),
                arguments("a == \"'\"", "a == \"'\""),
                arguments("a == '\"'", "a == '\"'"),
                arguments("a contains '\"'", "a contains '\"'"),
                arguments("a contains \"'\"", "a contains \"'\""),
                arguments("a startswith '\"'", "a starts with '\"'"),
                arguments("a endswith \"'\"", "a ends with \"'\""),
                arguments("a!='\"'", "a != '\"'"),
                arguments("a in {\"d\"}", "a in {\"d\"}"),
                arguments("a in {\"d\", \"a\", \"b\"}", "a in {\"a\", \"b\", \"d\"}"),
                arguments("a in {\"z\", \"z\", \"x\", \"y\", \"x\", \"a\"}",
                        "a in {\"a\", \"x\", \"y\", \"z\"}"),
                // Calico's PrefixVisitor table, without the prefix.
                arguments("!(!(k == 'v' && has(t) || all()) && (a in {'b', 'c'}))",
                        "!(!((k == \"v\" && has(t)) || all()) && a in {\"b\", \"c\"})"),
                // Ours.
                arguments("a == 'x' && b == 'y' && c == 'z'",
                        "(a == \"x\" && b == \"y\" && c == \"z\")"),
                arguments("a == 'x' || b == 'y' && c == 'z'",
                        "(a == \"x\" || (b == \"y\" && c == \"z\"))"),
                arguments("(a == 'x' && b == 'y') && c == 'z'",
                        "((a == \"x\" && b == \"y\") && c == \"z\")"),
                arguments("((((has(a)))))", "has(a)"),
                arguments("!!!has(a)", "!has(a)"),
                arguments("!!has(a)", "has(a)"),
                arguments("a in {'x',}", "a in {\"x\"}"),
                arguments("a not in {}", "a not in {}"),
                arguments("\tglobal( )", "global()"));
    }

    @ParameterizedTest(name = "{0}  ->  {1}")
    @MethodSource
    void parsedTextHasCalicosCanonicalForm(String input, String canonical) {
        Selector selector = Selector.parse(input);
        assertThat(selector.canonical()).isEqualTo(canonical);
        assertThat(Selector.parse(canonical).canonical()).isEqualTo(canonical);
    }

    @Test
    void negatedNegationInParenthesesKeepsBothBangsAsCalicoDoes() {
        // Calico folds "!!" but not "!(!x)"; its String() then writes "!!has(a)", whose
        // re-parse is has(a). The canonical form (and so the IP set) follows Calico exactly.
        Selector selector = Selector.parse("!(!has(a))");
        assertThat(selector).isEqualTo(new Not(new Not(new Has("a"))));
        assertThat(selector.canonical()).isEqualTo("!!has(a)");
        assertThat(Selector.parse(selector.canonical())).isEqualTo(new Has("a"));
    }
}
