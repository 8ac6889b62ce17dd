package io.calicoj.model.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SelectorUniqueIdTest {

    static Stream<Arguments> uniqueIdMatchesCalicosVector() {
        return Stream.of(
                // Spec §10 test vectors, given as canonical text.
                arguments("all()", "s:5y5I3VdRZfDU01O--xXAPx2yxCQQqMf0M6IWug"),
                arguments("has(calico/k8s_ns)", "s:8b0YFItmhjobkc1Rot58XPw4EVfVDqLyq4xHFg"),
                arguments("calico/k8s_ns == \"default\"", "s:P2rI0VUzuGU_If5Eff29VZ_QCTMDr7MK8kaKug"),
                arguments("(calico/k8s_ns == \"default\" && role == \"frontend\")",
                        "s:UWX7Iq1uo4Tpg9RFe8ieia-3NUTwdyCl8XVZxw"),
                // Calico's parser_test.go.
                arguments("!(has(b) || !has(a))", "s:Iss0uCleLYv1GSv_pNm7hAO58kE9jAx1NKyG3Q"),
                arguments("!(a == \"b\" && !c != \"d\")", "s:lh3haoY1ikTRkd4UZu0nWSaIBknYLPJLX16d-w"));
    }

    @ParameterizedTest(name = "{0}  ->  {1}")
    @MethodSource
    void uniqueIdMatchesCalicosVector(String canonical, String uniqueId) {
        Selector selector = Selector.parse(canonical);
        assertThat(selector.canonical()).isEqualTo(canonical);
        assertThat(selector.uniqueId()).isEqualTo(uniqueId);
    }

    @Test
    void emptySelectorHasTheUniqueIdOfAll() {
        assertThat(Selector.parse("").uniqueId()).isEqualTo(Selector.all().uniqueId())
                .isEqualTo("s:5y5I3VdRZfDU01O--xXAPx2yxCQQqMf0M6IWug");
    }

    @Test
    void differentlyWrittenEqualSelectorsShareTheUniqueId() {
        Selector single = Selector.parse("calico/k8s_ns=='default'&&role=='frontend'");
        Selector spaced = Selector.parse("  calico/k8s_ns == \"default\"\t&&  role == 'frontend' ");
        Selector built = new And(List.of(
                new Equals("calico/k8s_ns", "default"), new Equals("role", "frontend")));
        assertThat(single.uniqueId()).isEqualTo(spaced.uniqueId()).isEqualTo(built.uniqueId())
                .isEqualTo("s:UWX7Iq1uo4Tpg9RFe8ieia-3NUTwdyCl8XVZxw");
    }

    @Test
    void uniqueIdIsSPrefixAndThirtyEightBase64UrlCharacters() {
        assertThat(new In("a", List.of("\uD83D\uDE00", "é")).uniqueId())
                .matches("s:[A-Za-z0-9_-]{38}");
    }

    @Test
    void uniqueIdIsStableAcrossCalls() {
        Selector selector = Selector.parse("a in {'x', 'y'} || !has(b)");
        assertThat(selector.uniqueId()).isSameAs(selector.uniqueId());
    }

    @Test
    void publicUniqueIdHelperGivesTheSelectorIdForPrefixS() {
        Selector selector = Selector.parse("role == 'frontend'");
        assertThat(UniqueIds.of("s", selector.canonical())).isEqualTo(selector.uniqueId());
    }

    @Test
    void namedPortIdHashesSelectorIdProtocolAndPortName() {
        // n: + base64url-no-pad(SHA-224("n:" + selectorId + ",tcp,http")), computed independently.
        assertThat(UniqueIds.of("n", Selector.all().uniqueId() + ",tcp,http"))
                .isEqualTo("n:cl9_Kgeu4H0OGLbhovVR3NBLUOZscKeMK1Mu4A");
    }
}
