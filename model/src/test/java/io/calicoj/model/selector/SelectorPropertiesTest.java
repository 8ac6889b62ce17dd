package io.calicoj.model.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.calicoj.model.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

class SelectorPropertiesTest {

    /** Label names, with the operator and function words that are labels where no label precedes. */
    private static final List<String> LABEL_WORDS = List.of("a", "b", "k", "in", "not", "notin",
            "contains", "starts", "ends", "with", "has", "all", "global", "calico/k8s_ns",
            "app.kubernetes.io/name", "pcns.team", "x-y_z.1/2");

    /** Pieces of selector syntax, right and wrong, for text that is almost a selector. */
    private static final List<String> TOKENS = List.of("a", "b", "in", "not", "not in", "notin",
            "contains", "starts", "with", "starts with", "ends with", "has(", "has(a)", "all()",
            "all(", "global()", "(", ")", "{", "}", ",", "==", "!=", "=", "!", "&&", "&", "||",
            "|", "'x'", "\"y\"", "'", "\"", "''", " ", "  ", "\t", "\n", "\r", "%", "é",
            "\uD83D\uDE00", "\uD83D", "a.b/c-d_e", "l".repeat(513));

    @Provide
    Arbitrary<String> labels() {
        return Arbitraries.oneOf(List.of(
                Arbitraries.of(LABEL_WORDS),
                Arbitraries.strings().withChars("abzAZ09_./-").ofMinLength(1).ofMaxLength(12)));
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.oneOf(List.of(
                        Arbitraries.strings().all().ofMaxLength(8),
                        Arbitraries.strings().withChars("ab'\" {}(),&|!=\t\n").ofMaxLength(6),
                        Arbitraries.of("", "x", "y", "'", "\"", "\uD83D\uDE00", "\uFFFD", "é")))
                .filter(value -> value.indexOf('"') < 0 || value.indexOf('\'') < 0);
    }

    private Arbitrary<Selector> leaves() {
        Arbitrary<String> label = labels();
        Arbitrary<String> value = values();
        Arbitrary<List<String>> set = value.list().ofMaxSize(4);
        return Arbitraries.oneOf(List.<Arbitrary<? extends Selector>>of(
                Arbitraries.just(Selector.all()),
                Arbitraries.just(Selector.global()),
                label.map(Has::new),
                Combinators.combine(label, value).as(Equals::new),
                Combinators.combine(label, value).as(NotEquals::new),
                Combinators.combine(label, value).as(Contains::new),
                Combinators.combine(label, value).as(StartsWith::new),
                Combinators.combine(label, value).as(EndsWith::new),
                Combinators.combine(label, set).as(In::new),
                Combinators.combine(label, set).as(NotIn::new)));
    }

    private Arbitrary<Selector> deeper(Arbitrary<Selector> inner) {
        Arbitrary<List<Selector>> operands = inner.list().ofMinSize(2).ofMaxSize(3);
        return Arbitraries.oneOf(List.<Arbitrary<? extends Selector>>of(
                inner,
                // The parser folds "!!", so Not(Not(x)) has no canonical text of its own.
                inner.filter(operand -> !(operand instanceof Not)).map(Not::new),
                operands.map(And::new),
                operands.map(Or::new)));
    }

    /** Any tree the parser can build, except a Not directly around a Not. */
    @Provide
    Arbitrary<Selector> selectors() {
        return Arbitraries.recursive(this::leaves, this::deeper, 0, 4);
    }

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.oneOf(List.of(
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withChars("ab (){},'\"=!&|\t\n").ofMaxLength(30),
                Arbitraries.of(TOKENS).list().ofMaxSize(16).map(tokens -> String.join("", tokens)),
                Arbitraries.of(TOKENS).list().ofMaxSize(16).map(tokens -> String.join(" ", tokens)),
                Combinators.combine(selectors(), Arbitraries.randoms(), Arbitraries.integers())
                        .as((tree, random, cut) -> {
                            String text = RandomSelectorWriter.write(tree, random);
                            return text.substring(0, Math.floorMod(cut, text.length() + 1));
                        })));
    }

    @Property(tries = 1000)
    void canonicalFormParsesBackToAnEqualSelector(@ForAll("selectors") Selector selector) {
        Selector reparsed = Selector.parse(selector.canonical());
        assertThat(reparsed).isEqualTo(selector).hasSameHashCodeAs(selector);
        assertThat(reparsed.canonical()).isEqualTo(selector.canonical());
        assertThat(reparsed.uniqueId()).isEqualTo(selector.uniqueId());
    }

    @Property(tries = 3000)
    void anyTextParsesOrFailsWithASelectorParseException(@ForAll("anyText") String text) {
        try {
            Selector selector = Selector.parse(text);
            Statistics.collect("parsed");
            assertThatCode(() -> Selector.parse(selector.canonical())).doesNotThrowAnyException();
            assertThat(selector.uniqueId()).matches("s:[A-Za-z0-9_-]{38}");
        } catch (SelectorParseException e) {
            Statistics.collect("rejected");
            assertThat(e.selector()).isEqualTo(text);
            assertThat(e.position()).isBetween(0, text.length());
            assertThat(e.getMessage()).contains("at position " + e.position() + ": expected ");
        }
        // Keep the generator honest: some of the text must get through the parser.
        Statistics.coverage(coverage -> coverage.check("parsed").percentage(p -> p > 3));
    }

    @Property(tries = 1000)
    void anySpellingOfATreeParsesToThatTree(
            @ForAll("selectors") Selector tree, @ForAll Random random) {
        String text = RandomSelectorWriter.write(tree, random);
        assertThat(Selector.parse(text)).as(text).isEqualTo(tree);
    }

    @Property(tries = 1000)
    void parsedSelectorMatchesLikeItsReparsedCanonicalForm(
            @ForAll("selectors") Selector tree, @ForAll Random random) {
        Selector parsed = Selector.parse(RandomSelectorWriter.write(tree, random));
        Selector reparsed = Selector.parse(parsed.canonical());
        for (int i = 0; i < 8; i++) {
            Labels labels = Labels.of(labelsFor(tree, random));
            boolean expected = tree.matches(labels);
            assertThat(parsed.matches(labels)).isEqualTo(expected);
            assertThat(reparsed.matches(labels)).isEqualTo(expected);
        }
    }

    @Property(tries = 500)
    void prefixedSelectorMatchesPrefixedLabelsAsTheOriginalMatchesTheLabels(
            @ForAll("selectors") Selector tree, @ForAll Random random) {
        Selector prefixed = tree.withLabelPrefix("pcns.");
        for (int i = 0; i < 8; i++) {
            Map<String, String> labels = labelsFor(tree, random);
            Map<String, String> prefixedLabels = new HashMap<>();
            labels.forEach((key, value) -> prefixedLabels.put("pcns." + key, value));
            assertThat(prefixed.matches(Labels.of(prefixedLabels)))
                    .isEqualTo(tree.matches(Labels.of(labels)));
        }
    }

    /**
     * Labels that exercise the tree: each of its labels absent, or with one of the tree's
     * values for it (sometimes extended, for the substring operators), or something else.
     */
    private static Map<String, String> labelsFor(Selector tree, Random random) {
        Map<String, List<String>> used = new LinkedHashMap<>();
        collect(tree, used);
        Map<String, String> labels = new HashMap<>();
        used.forEach((label, values) -> {
            switch (random.nextInt(4)) {
                case 0 -> { }
                case 1 -> labels.put(label, "");
                default -> {
                    String value = values.isEmpty()
                            ? "v" : values.get(random.nextInt(values.size()));
                    labels.put(label, switch (random.nextInt(4)) {
                        case 0 -> "p" + value;
                        case 1 -> value + "s";
                        default -> value;
                    });
                }
            }
        });
        return labels;
    }

    private static void collect(Selector selector, Map<String, List<String>> used) {
        if (selector instanceof Has has) {
            used.computeIfAbsent(has.label(), label -> new ArrayList<>());
        } else if (selector instanceof ValueComparison comparison) {
            used.computeIfAbsent(comparison.label(), label -> new ArrayList<>())
                    .add(comparison.value());
        } else if (selector instanceof SetMembership set) {
            used.computeIfAbsent(set.label(), label -> new ArrayList<>()).addAll(set.values());
        } else if (selector instanceof Not not) {
            collect(not.operand(), used);
        } else if (selector instanceof Junction junction) {
            junction.operands().forEach(operand -> collect(operand, used));
        }
    }
}
