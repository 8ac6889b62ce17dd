package io.calicoj.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Trees read and written without a mapper are the ones a mapper reads and writes. */
class JsonTreesTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"cniVersion\":\"1.0.0\",\"ips\":[{\"address\":\"10.0.0.5/32\",\"gateway\":\"10.0.0.1\"}],\"dns\":{}}",
        "{\"a\":1,\"b\":-2147483649,\"c\":123456789012345678901234567890,\"d\":1.5,\"e\":-0.0,\"f\":1e300}",
        "{\"s\":\"quote \\\" backslash \\\\ tab \\t unicode \\u00e9 \\u2028 emoji \\ud83d\\ude00\",\"n\":null,\"t\":true,\"f\":false}",
        "[1,[2,[3,{}]],[],\"x\"]",
        "\"just a string\"",
        "{\"dup\":1,\"dup\":2}",
        "{\"deep\":{\"er\":{\"est\":[{\"k\":[null,{\"v\":\"w\"}]}]}}}",
    })
    void readingAndWritingGiveWhatAMapperGives(String json) {
        JsonNode ours = JsonTrees.parse(json);

        assertThat(ours).isEqualTo(MAPPER.readTree(json));
        assertThat(JsonTrees.write(ours)).isEqualTo(MAPPER.writeValueAsString(MAPPER.readTree(json)));
        assertThat(JsonTrees.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8))).isEqualTo(ours);
    }

    @Test
    void nothingIsAMissingNode() {
        assertThat(JsonTrees.parse("").isMissingNode()).isTrue();
        assertThat(JsonTrees.parse("   ").isMissingNode()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\": ", "{a: 1}", "{\"a\":1} {\"b\":2}", "{\"a\":1} x"})
    void brokenJsonOrMoreThanOneValueIsAnErrorAsForAMapper(String json) {
        assertThatThrownBy(() -> JsonTrees.parse(json)).isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> MAPPER.readTree(json)).isInstanceOf(JacksonException.class);
    }

    @Test
    void yamlIsReadAsAYamlMapperReadsIt() {
        String yaml = """
                apiVersion: v1
                kind: Config
                current-context: test
                clusters:
                - name: c
                  cluster:
                    server: https://10.0.0.1:6443
                    insecure-skip-tls-verify: true
                users: [{name: u, user: {token: abc}}]
                port: 6443
                empty:
                """;
        assertThat(JsonTrees.parseYamlOrJson(yaml)).isEqualTo(YAMLMapper.builder().build().readTree(yaml));
        assertThatThrownBy(() -> JsonTrees.parseYamlOrJson(yaml + "---\nsecond: document\n")).isInstanceOf(JacksonException.class);
    }

    @Test
    void aJsonDocumentIsReadAsJson() {
        String json = "  {\"current-context\": \"x\", \"n\": 1}";
        assertThat(JsonTrees.parseYamlOrJson(json)).isEqualTo(MAPPER.readTree(json));
    }
}
