package io.calicoj.cli.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void indentsWithTwoSpacesKeepsKeyOrderAndEscapesAsGoDoes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "X");
        m.put("s", "a && b <c> \"q\" \\ \n\t\u0001\u2028");
        m.put("n", 1000.0);
        m.put("f", 100.5);
        m.put("e", List.of());
        m.put("o", Map.of());
        m.put("l", List.of(1, "x"));
        m.put("z", null);
        m.put("t", true);
        assertThat(JsonWriter.write(m)).isEqualTo("""
                {
                  "kind": "X",
                  "s": "a \\u0026\\u0026 b \\u003cc\\u003e \\"q\\" \\\\ \\n\\t\\u0001\\u2028",
                  "n": 1000,
                  "f": 100.5,
                  "e": [],
                  "o": {},
                  "l": [
                    1,
                    "x"
                  ],
                  "z": null,
                  "t": true
                }""");
    }

    @Test
    void aTopLevelArrayOfObjects() {
        assertThat(JsonWriter.write(Arrays.asList(Map.of("a", 1), Map.of()))).isEqualTo("""
                [
                  {
                    "a": 1
                  },
                  {}
                ]""");
    }
}
