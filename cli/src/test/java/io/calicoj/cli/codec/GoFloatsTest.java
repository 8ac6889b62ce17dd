package io.calicoj.cli.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoFloatsTest {

    @ParameterizedTest(name = "FormatFloat({0}, 'g', -1, 64) = {1}")
    @CsvSource({
        "1000, 1000",
        "100.5, 100.5",
        "-2.5, -2.5",
        "123456, 123456",
        "1000000, 1e+06",
        "1234567, 1.234567e+06",
        "0.0001, 0.0001",
        "0.00001, 1e-05",
        "1e21, 1e+21",
        "1e100, 1e+100",
        "0, 0",
    })
    void formatsLikeGoShortestG(double value, String expected) {
        assertThat(GoFloats.formatG(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "json.Marshal({0}) = {1}")
    @CsvSource({
        "1000, 1000",
        "100.5, 100.5",
        "1000000, 1000000",
        "123456789012, 123456789012",
        "1e21, 1e+21",
        "0.000001, 0.000001",
        "0.0000001, 1e-7",
        "-0.5, -0.5",
    })
    void formatsLikeGoJson(double value, String expected) {
        assertThat(GoFloats.formatJson(value)).isEqualTo(expected);
    }
}
