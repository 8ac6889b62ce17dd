package io.calicoj.model.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelectorNodesTest {

    @Test
    void nodesAreEqualByValue() {
        assertThat(new Equals("a", "x")).isEqualTo(new Equals("a", "x"))
                .hasSameHashCodeAs(new Equals("a", "x"))
                .isNotEqualTo(new Equals("a", "y"))
                .isNotEqualTo(new Equals("b", "x"));
        assertThat(new And(List.of(new Has("a"), new Not(new Has("b")))))
                .isEqualTo(new And(List.of(new Has("a"), new Not(new Has("b")))))
                .hasSameHashCodeAs(new And(List.of(new Has("a"), new Not(new Has("b")))));
        assertThat(new In("a", List.of("y", "x", "y"))).isEqualTo(new In("a", List.of("x", "y")))
                .hasSameHashCodeAs(new In("a", List.of("x", "y")));
        assertThat(Selector.all()).isEqualTo(Selector.all()).isNotEqualTo(Selector.global());
    }

    @Test
    void nodesOfDifferentKindWithTheSameFieldsAreNotEqual() {
        assertThat(new Equals("a", "x")).isNotEqualTo(new NotEquals("a", "x"))
                .isNotEqualTo(new Contains("a", "x"))
                .isNotEqualTo(new StartsWith("a", "x"))
                .isNotEqualTo(new EndsWith("a", "x"));
        assertThat(new In("a", List.of("x"))).isNotEqualTo(new NotIn("a", List.of("x")));
        assertThat(new And(List.of(new Has("a"), new Has("b"))))
                .isNotEqualTo(new Or(List.of(new Has("a"), new Has("b"))));
    }

    @Test
    void junctionOrderMatters() {
        assertThat(new And(List.of(new Has("a"), new Has("b"))))
                .isNotEqualTo(new And(List.of(new Has("b"), new Has("a"))));
    }

    @Test
    void setValuesAreSortedAndDeduplicated() {
        assertThat(new In("a", List.of("z", "x", "y", "x", "a")).values())
                .containsExactly("a", "x", "y", "z");
        assertThat(new NotIn("a", List.of()).values()).isEmpty();
    }

    @Test
    void setValuesSortInCodePointOrderLikeGoNotInUtf16Order() {
        // U+FFFD sorts before U+1F600 in UTF-8 byte order; String.compareTo says the opposite.
        String replacement = "\uFFFD";
        String emoji = "\uD83D\uDE00";
        assertThat(new In("a", List.of(emoji, replacement, "z")).values())
                .containsExactly("z", replacement, emoji);
    }

    @Test
    void setValuesCannotBeModified() {
        List<String> source = new ArrayList<>(List.of("b", "a"));
        In in = new In("a", source);
        source.add("c");
        assertThat(in.values()).containsExactly("a", "b");
        assertThatThrownBy(() -> in.values().add("d"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void junctionOperandsAreCopiedAndCannotBeModified() {
        List<Selector> source = new ArrayList<>(List.of(new Has("a"), new Has("b")));
        Or or = new Or(source);
        source.add(new Has("c"));
        assertThat(or.operands()).containsExactly(new Has("a"), new Has("b"));
        assertThatThrownBy(() -> or.operands().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void junctionNeedsAtLeastTwoOperands() {
        assertThatThrownBy(() -> new And(List.of(new Has("a"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two operands");
        assertThatThrownBy(() -> new Or(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void labelMustUseLabelCharacters() {
        assertThatThrownBy(() -> new Has("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Has("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Equals("a)", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a)");
        assertThat(new Has("app.kubernetes.io/name-x_1").label())
                .isEqualTo("app.kubernetes.io/name-x_1");
    }

    @Test
    void valueCannotContainBothQuoteCharacters() {
        assertThatThrownBy(() -> new Equals("a", "it's \"x\""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new In("a", List.of("ok", "'\"")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new Equals("a", "it's").value()).isEqualTo("it's");
    }

    @Test
    void nullComponentsAreRejected() {
        assertThatThrownBy(() -> new Has(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Equals("a", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Not(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new In("a", null)).isInstanceOf(NullPointerException.class);
        List<String> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> new In("a", withNull)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void toStringIsTheCanonicalForm() {
        Selector selector = new Or(List.of(new Has("a"), new Equals("b", "c")));
        assertThat(selector.toString()).isEqualTo(selector.canonical())
                .isEqualTo("(has(a) || b == \"c\")");
    }
}
