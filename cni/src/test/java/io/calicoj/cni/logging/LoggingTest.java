package io.calicoj.cni.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoggingTest {

    @Test
    void calicosLevelsMapToSlf4jLevelsWithWarningAsTheDefault() {
        assertThat(Logging.levelOf("{\"log_level\": \"DEBUG\"}")).isEqualTo("debug");
        assertThat(Logging.levelOf("{\"log_level\": \"info\"}")).isEqualTo("info");
        assertThat(Logging.levelOf("{\"log_level\": \"error\"}")).isEqualTo("error");
        assertThat(Logging.levelOf("{\"log_level\": \"warning\"}")).isEqualTo("warn");
        assertThat(Logging.levelOf("{\"log_level\": \"chatty\"}")).isEqualTo("warn");
        assertThat(Logging.levelOf("{}")).isEqualTo("warn");
        assertThat(Logging.levelOf("not json")).isEqualTo("warn");
        assertThat(Logging.levelOf("")).isEqualTo("warn");
    }
}
