package io.calicoj.cli.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class YamlWriterTest {

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void keysAreSortedSequencesInMappingsAreNotIndentedAndWholeNumbersPrintAsIntegers() {
        Object tree = map("kind", "NetworkPolicy", "apiVersion", "projectcalico.org/v3",
                "spec", map("types", List.of("Ingress"), "order", 1000.0, "selector", "role == 'db'"));
        assertThat(YamlWriter.write(tree)).isEqualTo("""
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                spec:
                  order: 1000
                  selector: role == 'db'
                  types:
                  - Ingress
                """);
    }

    @Test
    void mappingsInSequencesStartOnTheDashLine() {
        Object tree = map("items", List.of(map("b", 2, "a", 1), map("c", map("d", List.of()))), "metadata", map());
        assertThat(YamlWriter.write(tree)).isEqualTo("""
                items:
                - a: 1
                  b: 2
                - c:
                    d: []
                metadata: {}
                """);
    }

    @Test
    void aTopLevelSequenceAndNestedSequences() {
        Object tree = List.of(List.of(1, 2), List.of(3), map("x", null));
        assertThat(YamlWriter.write(tree)).isEqualTo("""
                - - 1
                  - 2
                - - 3
                - x: null
                """);
    }

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "1234|\"1234\"",
        "``|\"\"",
        "true|\"true\"",
        "yes|\"yes\"",
        "Off|\"Off\"",
        "null|\"null\"",
        "~|\"~\"",
        "1e3|\"1e3\"",
        "0x1F|\"0x1F\"",
        "-12|\"-12\"",
        "3.25|\"3.25\"",
        ".5|\".5\"",
        "1:30|\"1:30\"",
        "8000:8059|8000:8059",
        "80:90|80:90",
        "2017-07-03T20:55:22Z|\"2017-07-03T20:55:22Z\"",
        "2017-07-03|\"2017-07-03\"",
        "10.0.0.0/8|10.0.0.0/8",
        "10.0.0.1|10.0.0.1",
        "role == 'db'|role == 'db'",
        "it's|it's",
        "!has(x)|'!has(x)'",
        "'quoted'|'''quoted'''",
        "a: b|'a: b'",
        "a:b|a:b",
        "#x|'#x'",
        "a #x|'a #x'",
        "a#x|a#x",
        "-|'-'",
        "- x|'- x'",
        "-x|-x",
        "@home|'@home'",
        "%x|'%x'",
        "[x]|'[x]'",
        "a, b|a, b",
        "~x|~x",
        "yesterday|yesterday",
        "knp.default.allow|knp.default.allow",
        "ns/name|ns/name",
        "é|é",
    })
    void stringsAreQuotedOnlyWhenGoYamlWouldQuoteThem(String value, String printed) {
        assertThat(YamlWriter.write(map("k", value))).isEqualTo("k: " + printed + "\n");
    }

    @Test
    void leadingAndTrailingSpacesAndTabsForceQuotes() {
        assertThat(YamlWriter.write(map("k", " x"))).isEqualTo("k: ' x'\n");
        assertThat(YamlWriter.write(map("k", "x "))).isEqualTo("k: 'x '\n");
        assertThat(YamlWriter.write(map("k", "a\tb"))).isEqualTo("k: \"a\\tb\"\n");
        assertThat(YamlWriter.write(map("k", "\uD83D\uDE00"))).isEqualTo("k: \"\\U0001F600\"\n");
    }

    @Test
    void multiLineStringsAreLiteralBlocksWithChompingIndicators() {
        assertThat(YamlWriter.write(map("a", "x\ny", "b", "line\n", "c", "two\n\n"))).isEqualTo("""
                a: |-
                  x
                  y
                b: |
                  line
                c: |+
                  two

                """);
    }

    @Test
    void longPlainStringsFoldAtTheFirstSpaceAfterColumnEighty() {
        String selector = "a".repeat(75) + " bb cc";
        assertThat(YamlWriter.write(map("selector", selector))).isEqualTo(
                "selector: " + "a".repeat(75) + "\n  bb cc\n");
        List<Object> items = new ArrayList<>();
        items.add(map("spec", map("selector", "x == 'y' && " + "z".repeat(60) + " == 'w'")));
        assertThat(YamlWriter.write(map("items", items))).isEqualTo(
                "items:\n- spec:\n    selector: x == 'y' && " + "z".repeat(60) + "\n      == 'w'\n");
    }

    @Test
    void longSingleQuotedStringsFoldToo() {
        String value = "!" + "a".repeat(80) + " b";
        assertThat(YamlWriter.write(map("k", value))).isEqualTo("k: '!" + "a".repeat(80) + "\n  b'\n");
    }

    @Test
    void keysAreNeverFolded() {
        String key = "k".repeat(90) + " x";
        assertThat(YamlWriter.write(map(key, "v"))).isEqualTo(key + ": v\n");
    }

    @Test
    void keysSortAsGoYamlSortsThem() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String k : Arrays.asList("ipv6Address", "b", "a10", "A", "ipv4Address", "_x", "a2")) {
            m.put(k, 1);
        }
        assertThat(YamlWriter.write(m)).isEqualTo("_x: 1\nA: 1\na2: 1\na10: 1\nb: 1\nipv4Address: 1\nipv6Address: 1\n");
    }

    @Test
    void numbersAndBooleansArePlain() {
        assertThat(YamlWriter.write(map("a", 100.5, "b", 1e-7, "c", 1e6, "d", true, "e", 6, "f", -0.0)))
                .isEqualTo("a: 100.5\nb: 1e-07\nc: 1000000\nd: true\ne: 6\nf: 0\n");
    }
}
