package io.calicoj.calc.labelindex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.calicoj.model.Labels;
import io.calicoj.model.selector.Selector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LabelInheritanceIndexTest {

    private final RecordingMatchListener<String, String> recorder = new RecordingMatchListener<>();
    private final LabelInheritanceIndex<String, String> index = new LabelInheritanceIndex<>(recorder);

    private static Map<String, String> labels(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Map.Entry<String, String> match(String selector, String item) {
        return Map.entry(selector, item);
    }

    @Test
    void aSelectorMatchesItemsByTheirOwnLabels() {
        index.updateItem("a", labels("app", "web"), List.of());
        index.updateItem("b", labels("app", "db"), List.of());
        index.updateSelector("web", Selector.parse("app == 'web'"));
        index.updateItem("c", labels("app", "web"), List.of());

        assertThat(recorder.matches()).containsExactlyInAnyOrder(match("web", "a"), match("web", "c"));
        assertThat(index.itemsMatching("web")).containsExactlyInAnyOrder("a", "c");
        assertThat(index.selectorsMatching("a")).containsExactly("web");
    }

    @Test
    void anItemInheritsItsParentsLabelsButItsOwnLabelsWin() {
        index.updateSelector("red", Selector.parse("team == 'red'"));
        index.updateParent("ns", labels("team", "red", "env", "prod"));
        index.updateItem("a", labels(), List.of("ns"));
        index.updateItem("b", labels("team", "blue"), List.of("ns"));

        assertThat(recorder.matches()).containsExactly(match("red", "a"));
        assertThat(index.labelsOf("b")).isEqualTo(labels("team", "blue", "env", "prod"));
    }

    @Test
    void anEarlierParentWinsOverALaterOne() {
        index.updateSelector("red", Selector.parse("team == 'red'"));
        index.updateParent("first", labels("team", "red"));
        index.updateParent("second", labels("team", "blue"));
        index.updateItem("a", labels(), List.of("first", "second"));
        index.updateItem("b", labels(), List.of("second", "first"));

        assertThat(recorder.matches()).containsExactly(match("red", "a"));
    }

    @Test
    void aParentLabelChangeMovesItsChildrenInAndOut() {
        index.updateSelector("red", Selector.parse("team == 'red'"));
        index.updateSelector("blue", Selector.parse("team == 'blue'"));
        index.updateParent("ns", labels("team", "red"));
        index.updateItem("a", labels(), List.of("ns"));
        index.updateItem("b", labels(), List.of("ns"));
        index.updateItem("c", labels("team", "red"), List.of());

        index.updateParent("ns", labels("team", "blue"));

        assertThat(recorder.matches()).containsExactlyInAnyOrder(match("blue", "a"), match("blue", "b"),
                match("red", "c"));
    }

    @Test
    void anUnknownParentContributesNothingUntilItArrivesAndAfterItIsDeleted() {
        index.updateSelector("red", Selector.parse("team == 'red'"));
        index.updateItem("a", labels(), List.of("ns"));
        assertThat(recorder.matches()).isEmpty();

        index.updateParent("ns", labels("team", "red"));
        assertThat(recorder.matches()).containsExactly(match("red", "a"));

        index.deleteParent("ns");
        assertThat(recorder.matches()).isEmpty();
        assertThat(index.labelsOf("a")).isEmpty();
    }

    @Test
    void changingTheParentListReevaluatesTheItem() {
        index.updateSelector("red", Selector.parse("team == 'red'"));
        index.updateParent("red-ns", labels("team", "red"));
        index.updateParent("blue-ns", labels("team", "blue"));
        index.updateItem("a", labels(), List.of("blue-ns"));
        index.updateItem("a", labels(), List.of("red-ns"));
        assertThat(recorder.matches()).containsExactly(match("red", "a"));
    }

    @Test
    void duplicateUpdatesEmitNothing() {
        index.updateSelector("web", Selector.parse("app == 'web'"));
        index.updateParent("ns", labels("team", "red"));
        index.updateItem("a", labels("app", "web"), List.of("ns"));
        int events = recorder.events.size();

        index.updateSelector("web", Selector.parse("app=='web'"));
        index.updateParent("ns", labels("team", "red"));
        index.updateItem("a", labels("app", "web"), List.of("ns"));
        index.updateParent("other", labels());
        index.deleteSelector("unknown");
        index.deleteItem("unknown");
        index.deleteParent("unknown");

        assertThat(recorder.events).hasSize(events);
    }

    @Test
    void aSelectorChangeEmitsOnlyTheTransitionsStartsFirst() {
        index.updateItem("a", labels("app", "web"), List.of());
        index.updateItem("b", labels("app", "db"), List.of());
        index.updateItem("c", labels("app", "api"), List.of());
        index.updateSelector("s", Selector.parse("app in {'web', 'db'}"));
        recorder.events.clear();

        index.updateSelector("s", Selector.parse("app in {'db', 'api'}"));

        assertThat(recorder.events).containsExactly("+s/c", "-s/a");
    }

    @Test
    void deletingAnItemOrASelectorStopsAllItsMatches() {
        index.updateSelector("all", Selector.all());
        index.updateSelector("web", Selector.parse("app == 'web'"));
        index.updateItem("a", labels("app", "web"), List.of());
        index.updateItem("b", labels("app", "web"), List.of());

        index.deleteItem("a");
        assertThat(recorder.matches()).containsExactlyInAnyOrder(match("all", "b"), match("web", "b"));
        index.deleteSelector("web");
        assertThat(recorder.matches()).containsExactly(match("all", "b"));
    }

    @Test
    void selectorsWithoutALabelRestrictionStillSeeEveryItem() {
        index.updateSelector("no-x", Selector.parse("!has(x)"));
        index.updateSelector("a-or-b", Selector.parse("a == '1' || b == '1'"));
        index.updateItem("i", labels("a", "1"), List.of());
        index.updateItem("j", labels("x", "1", "b", "1"), List.of());
        index.updateItem("k", labels(), List.of());

        assertThat(recorder.matches()).containsExactlyInAnyOrder(match("no-x", "i"), match("no-x", "k"),
                match("a-or-b", "i"), match("a-or-b", "j"));
    }

    static Stream<Arguments> seeds() {
        return LongStream.range(1, 31).boxed().flatMap(seed -> Stream.of(arguments(seed, 32), arguments(seed, 0)));
    }

    /**
     * Random items, parents and selectors, changed in random order: after every step the
     * matches equal a brute-force evaluation of every selector against every item's labels.
     */
    @ParameterizedTest(name = "seed {0}, few readers {1}")
    @MethodSource("seeds")
    void matchesAlwaysEqualABruteForceEvaluation(long seed, int fewReaders) {
        RecordingMatchListener<String, String> recorder = new RecordingMatchListener<>();
        LabelInheritanceIndex<String, String> index = new LabelInheritanceIndex<>(recorder, fewReaders);
        Random random = new Random(seed);
        List<String> selectorTexts = List.of("a == '1'", "a == '2'", "a in {'1', '3'}", "has(b)", "!has(b)",
                "a == '1' && b == '2'", "a == '1' || b == '1'", "c != '1'", "all()", "p.t == 'red' && a == '1'",
                "has(p.t)", "a == '1' && a == '2'", "b starts with '1'", "!(a == '1' && has(c))");
        Map<String, Selector> selectors = new HashMap<>();
        Map<String, Map<String, String>> own = new HashMap<>();
        Map<String, List<String>> parentsOf = new HashMap<>();
        Map<String, Map<String, String>> parents = new HashMap<>();
        for (int step = 0; step < 300; step++) {
            int op = random.nextInt(10);
            if (op < 2) {
                String id = "s" + random.nextInt(6);
                if (random.nextInt(4) == 0) {
                    selectors.remove(id);
                    index.deleteSelector(id);
                } else {
                    Selector s = Selector.parse(selectorTexts.get(random.nextInt(selectorTexts.size())));
                    selectors.put(id, s);
                    index.updateSelector(id, s);
                }
            } else if (op < 7) {
                String id = "i" + random.nextInt(12);
                if (random.nextInt(5) == 0) {
                    own.remove(id);
                    parentsOf.remove(id);
                    index.deleteItem(id);
                } else {
                    Map<String, String> l = randomLabels(random, "");
                    List<String> ps = new ArrayList<>();
                    for (int k = random.nextInt(3); k > 0; k--) {
                        ps.add("p" + random.nextInt(3));
                    }
                    own.put(id, l);
                    parentsOf.put(id, ps);
                    index.updateItem(id, l, ps);
                }
            } else {
                String id = "p" + random.nextInt(3);
                if (random.nextInt(4) == 0) {
                    parents.remove(id);
                    index.deleteParent(id);
                } else {
                    Map<String, String> l = randomLabels(random, "p.");
                    parents.put(id, l);
                    index.updateParent(id, l);
                }
            }
            Set<Map.Entry<String, String>> expected = new HashSet<>();
            own.forEach((item, l) -> {
                List<Map<String, String>> inherited = new ArrayList<>();
                parentsOf.get(item).forEach(p -> inherited.add(parents.getOrDefault(p, Map.of())));
                Labels view = Labels.inherited(l, inherited);
                selectors.forEach((sid, s) -> {
                    if (s.matches(view)) {
                        expected.add(Map.entry(sid, item));
                    }
                });
            });
            assertThat(recorder.matches()).as("seed %d step %d", seed, step).isEqualTo(expected);
        }
    }

    private static Map<String, String> randomLabels(Random random, String parentPrefix) {
        Map<String, String> l = new HashMap<>();
        for (String key : List.of("a", "b", "c", "p.t")) {
            if (random.nextBoolean()) {
                String value = key.equals("p.t") ? (random.nextBoolean() ? "red" : "blue") : "" + (1 + random.nextInt(3));
                if (key.equals("p.t") == !parentPrefix.isEmpty() || random.nextInt(4) == 0) {
                    l.put(key, value);
                }
            }
        }
        return l;
    }
}
