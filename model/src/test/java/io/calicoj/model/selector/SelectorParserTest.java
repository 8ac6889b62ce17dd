package io.calicoj.model.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SelectorParserTest {

    private static final Selector A = new Equals("a", "x");
    private static final Selector B = new Equals("b", "y");
    private static final Selector C = new Equals("c", "z");

    private static And and(Selector... operands) {
        return new And(List.of(operands));
    }

    private static Or or(Selector... operands) {
        return new Or(List.of(operands));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", " ", "\t", " \t  \t"})
    void emptyOrWhitespaceOnlyTextIsAll(String text) {
        assertThat(Selector.parse(text)).isEqualTo(Selector.all());
    }

    @Test
    void tabIsWhitespaceAnywhereBetweenTokens() {
        assertThat(Selector.parse("\ta\t==\t'x'\t&&\thas(\tb\t)\t")).isEqualTo(and(A, new Has("b")));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"\n", "a == 'x'\n", "a ==\n'x'", "\r\na == 'x'", "a == 'x' &&\nhas(b)",
        "has(\na)", "a\u00a0== 'x'"})
    void newlinesAndOtherWhitespaceAreNotWhitespaceAsInCalico(String text) {
        assertThatThrownBy(() -> Selector.parse(text)).isInstanceOf(SelectorParseException.class);
    }

    @Test
    void stringsMayContainAnythingButTheirOwnQuote() {
        assertThat(Selector.parse("a == 'x\ny && \"z\"'"))
                .isEqualTo(new Equals("a", "x\ny && \"z\""));
        assertThat(Selector.parse("a == \"it's\"")).isEqualTo(new Equals("a", "it's"));
        assertThat(Selector.parse("a == ''")).isEqualTo(new Equals("a", ""));
        assertThat(Selector.parse("a == 'ünï \uD83D\uDE00'")).isEqualTo(new Equals("a", "ünï \uD83D\uDE00"));
    }

    @Test
    void andBindsTighterThanOr() {
        assertThat(Selector.parse("a == 'x' || b == 'y' && c == 'z'")).isEqualTo(or(A, and(B, C)));
        assertThat(Selector.parse("a == 'x' && b == 'y' || c == 'z'")).isEqualTo(or(and(A, B), C));
    }

    @Test
    void parenthesesOverridePrecedence() {
        assertThat(Selector.parse("(a == 'x' || b == 'y') && c == 'z'")).isEqualTo(and(or(A, B), C));
    }

    @Test
    void aRunOfTheSameOperatorIsOneNaryNode() {
        assertThat(Selector.parse("a == 'x' && b == 'y' && c == 'z'")).isEqualTo(and(A, B, C));
        assertThat(Selector.parse("a == 'x' || b == 'y' || c == 'z'")).isEqualTo(or(A, B, C));
    }

    @Test
    void parenthesisedGroupsStayNestedLikeCalicoBuildsThem() {
        assertThat(Selector.parse("(a == 'x' && b == 'y') && c == 'z'")).isEqualTo(and(and(A, B), C));
        assertThat(Selector.parse("a == 'x' || (b == 'y' || c == 'z')")).isEqualTo(or(A, or(B, C)));
        assertThat(Selector.parse("((a == 'x'))")).isEqualTo(A);
    }

    @Test
    void bangAppliesToTheNextOperationOnly() {
        assertThat(Selector.parse("!a == 'x' && b == 'y'")).isEqualTo(and(new Not(A), B));
        assertThat(Selector.parse("!(a == 'x' && b == 'y')")).isEqualTo(new Not(and(A, B)));
    }

    @Test
    void runsOfBangsFoldToOneOrNone() {
        Has has = new Has("a");
        assertThat(Selector.parse("!has(a)")).isEqualTo(new Not(has));
        assertThat(Selector.parse("!!has(a)")).isEqualTo(has);
        assertThat(Selector.parse("!!!has(a)")).isEqualTo(new Not(has));
        assertThat(Selector.parse("! ! ! !has(a)")).isEqualTo(has);
        assertThat(Selector.parse("!!!!!all()")).isEqualTo(new Not(Selector.all()));
    }

    @Test
    void hasAllAndGlobalAllowWhitespaceInsideTheirParentheses() {
        assertThat(Selector.parse("has( a )")).isEqualTo(new Has("a"));
        assertThat(Selector.parse("all(\t)")).isEqualTo(Selector.all());
        assertThat(Selector.parse("global( )")).isEqualTo(Selector.global());
    }

    @Test
    void wordOperatorsAreLabelsWhereNoLabelPrecedesThem() {
        assertThat(Selector.parse("in == 'x'")).isEqualTo(new Equals("in", "x"));
        assertThat(Selector.parse("not in {'a'}")).isEqualTo(new In("not", List.of("a")));
        assertThat(Selector.parse("not not in {}")).isEqualTo(new NotIn("not", List.of()));
        assertThat(Selector.parse("contains contains 'contains'"))
                .isEqualTo(new Contains("contains", "contains"));
        assertThat(Selector.parse("starts starts with 'x'")).isEqualTo(new StartsWith("starts", "x"));
        assertThat(Selector.parse("a == 'x' && ends ends with 'y'"))
                .isEqualTo(and(A, new EndsWith("ends", "y")));
        assertThat(Selector.parse("has == 'x' || all != 'y' || global in {}")).isEqualTo(or(
                new Equals("has", "x"), new NotEquals("all", "y"), new In("global", List.of())));
        assertThat(Selector.parse("has(in)")).isEqualTo(new Has("in"));
    }

    @Test
    void multiWordOperatorsAcceptAnyOrNoWhitespaceBetweenTheirWords() {
        assertThat(Selector.parse("a notin {}")).isEqualTo(new NotIn("a", List.of()));
        assertThat(Selector.parse("a not \t in {}")).isEqualTo(new NotIn("a", List.of()));
        assertThat(Selector.parse("a startswith 'x'")).isEqualTo(new StartsWith("a", "x"));
        assertThat(Selector.parse("a starts  with 'x'")).isEqualTo(new StartsWith("a", "x"));
        assertThat(Selector.parse("a endswith 'x'")).isEqualTo(new EndsWith("a", "x"));
    }

    @Test
    void operatorsMayTouchTheTokensAroundThem() {
        assertThat(Selector.parse("a in{'x'}")).isEqualTo(new In("a", List.of("x")));
        assertThat(Selector.parse("a contains'x'")).isEqualTo(new Contains("a", "x"));
        assertThat(Selector.parse("a notin{\"x\"}||b!='y'").canonical())
                .isEqualTo("(a not in {\"x\"} || b != \"y\")");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"a inx {}", "a containsx 'y'", "a notinx {}", "a startswithx 'y'",
        "a inx{}", "a starts foo 'x'", "a ends 'x'", "a squiggles 'x'"})
    void wordOperatorsNeedAWordBoundary(String text) {
        assertThatThrownBy(() -> Selector.parse(text)).isInstanceOf(SelectorParseException.class);
    }

    @Test
    void setsMayBeEmptyAndMayEndWithOneComma() {
        assertThat(Selector.parse("a in {}")).isEqualTo(new In("a", List.of()));
        assertThat(Selector.parse("a in {'x',}")).isEqualTo(new In("a", List.of("x")));
        assertThat(Selector.parse("a in { 'y' , \"x\" , }")).isEqualTo(new In("a", List.of("x", "y")));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"a in {,}", "a in {,'x'}", "a in {'x',,}", "a in {'x' 'y'}",
        "a in {'x',", "a in 'x'", "a in {has(b)}"})
    void malformedSetsAreRejected(String text) {
        assertThatThrownBy(() -> Selector.parse(text)).isInstanceOf(SelectorParseException.class);
    }

    @Test
    void labelsUseLettersDigitsAndUnderscoreDotSlashDash() {
        assertThat(Selector.parse("app.kubernetes.io/name-x_1 == 'x'"))
                .isEqualTo(new Equals("app.kubernetes.io/name-x_1", "x"));
        assertThat(Selector.parse("calico/k8s_ns in {'default'}"))
                .isEqualTo(new In("calico/k8s_ns", List.of("default")));
        assertThatThrownBy(() -> Selector.parse("appé == 'x'"))
                .isInstanceOf(SelectorParseException.class);
    }

    @Test
    void labelsMayBe512CharactersLongButNotLonger() {
        String longest = "l".repeat(512);
        assertThat(Selector.parse(longest + " == 'x'")).isEqualTo(new Equals(longest, "x"));
        assertThat(Selector.parse("has(" + longest + ")")).isEqualTo(new Has(longest));
        assertThatThrownBy(() -> Selector.parse("a == 'x' && " + longest + "l == 'x'"))
                .isInstanceOfSatisfying(SelectorParseException.class, e -> {
                    assertThat(e.position()).isEqualTo(12);
                    assertThat(e.expected()).contains("at most 512");
                });
        assertThatThrownBy(() -> Selector.parse("has( " + longest + "l)"))
                .isInstanceOfSatisfying(SelectorParseException.class,
                        e -> assertThat(e.position()).isEqualTo(5));
    }

    @Test
    void parenthesesMayNestDeeplyButNotWithoutLimit() {
        int deepest = Parser.MAX_NESTING;
        assertThat(Selector.parse("(".repeat(deepest) + "has(a)" + ")".repeat(deepest)))
                .isEqualTo(new Has("a"));
        String tooDeep = "(".repeat(deepest + 1) + "has(a)" + ")".repeat(deepest + 1);
        assertThatThrownBy(() -> Selector.parse(tooDeep))
                .isInstanceOfSatisfying(SelectorParseException.class,
                        e -> assertThat(e.position()).isEqualTo(deepest));
    }

    @Test
    void parsingNullIsAProgrammingError() {
        assertThatThrownBy(() -> Selector.parse(null)).isInstanceOf(NullPointerException.class);
    }
}
