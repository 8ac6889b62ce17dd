package io.calicoj.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FelixConfigLoaderTest {

    @TempDir
    Path dir;

    private static FelixConfig load(Map<String, String> env) {
        return FelixConfigLoader.load(env, null, "host-1").config();
    }

    @Test
    void defaultsAreFelixsV3Defaults() {
        FelixConfig c = load(Map.of());
        assertThat(c.felixHostname()).isEqualTo("host-1");
        assertThat(c.logSeverityScreen()).isEqualTo("INFO");
        assertThat(c.interfacePrefixes()).containsExactly("cali");
        assertThat(c.healthEnabled()).isFalse();
        assertThat(c.healthHost()).isEqualTo("localhost");
        assertThat(c.healthPort()).isEqualTo(9099);
        assertThat(c.prometheusMetricsEnabled()).isFalse();
        assertThat(c.prometheusMetricsPort()).isEqualTo(9091);
        assertThat(c.prometheusGoMetricsEnabled()).isTrue();
        assertThat(c.prometheusProcessMetricsEnabled()).isTrue();
        assertThat(c.endpointStatusPathPrefix()).isEqualTo("/var/run/calico");
        assertThat(c.parameters()).isEmpty();
    }

    @Test
    void endpointStatusPathPrefixIsAnAbsolutePathOrNoneToWriteNoStatusFiles() {
        assertThat(load(Map.of("FELIX_ENDPOINTSTATUSPATHPREFIX", "/run/calico-node-1")).endpointStatusPathPrefix())
                .isEqualTo("/run/calico-node-1");
        assertThat(load(Map.of("FELIX_ENDPOINTSTATUSPATHPREFIX", "none")).endpointStatusPathPrefix()).isEmpty();
        FelixConfigLoader.Loaded relative = FelixConfigLoader.load(Map.of("FELIX_ENDPOINTSTATUSPATHPREFIX", "run/calico"), null, "h");
        assertThat(relative.config().endpointStatusPathPrefix()).isEqualTo("/var/run/calico");
        assertThat(relative.warnings()).singleElement().asString().contains("must be an absolute path");
    }

    @Test
    void environmentVariablesAreMatchedCaseInsensitivelyWithFelixsValueSyntax() {
        FelixConfig c = load(Map.of("FELIX_FELIXHOSTNAME", "node-7", "FELIX_HEALTHENABLED", "yes",
                "felix_healthPort", "19099", "FELIX_LOGSEVERITYSCREEN", "debug", "FELIX_INTERFACEPREFIX", "cali,tap",
                "FELIX_PROMETHEUSMETRICSENABLED", "t"));
        assertThat(c.felixHostname()).isEqualTo("node-7");
        assertThat(c.healthEnabled()).isTrue();
        assertThat(c.healthPort()).isEqualTo(19099);
        assertThat(c.logSeverityScreen()).isEqualTo("DEBUG");
        assertThat(c.interfacePrefixes()).containsExactly("cali", "tap");
        assertThat(c.interfacePrefix()).isEqualTo("cali");
        assertThat(c.prometheusMetricsEnabled()).isTrue();
    }

    @Test
    void everyParameterIsPassedOnForTheDataplaneWithoutBeingReportedUnknown() {
        FelixConfigLoader.Loaded l = FelixConfigLoader.load(Map.of("FELIX_IPTABLESBACKEND", "nft",
                "FELIX_DEFAULTENDPOINTTOHOSTACTION", "ACCEPT"), null, "h");
        assertThat(l.warnings()).isEmpty();
        assertThat(l.config().parameters()).containsEntry("iptablesbackend", "nft")
                .containsEntry("defaultendpointtohostaction", "ACCEPT");
    }

    @Test
    void aBadValueWarnsNamingVariableAndValueAndKeepsTheDefault() {
        FelixConfigLoader.Loaded l = FelixConfigLoader.load(Map.of("FELIX_HEALTHPORT", "ninety"), null, "h");
        assertThat(l.config().healthPort()).isEqualTo(9099);
        assertThat(l.warnings()).containsExactly(
                "FELIX_HEALTHPORT: invalid value \"ninety\": must be a whole number; using the default 9099");
    }

    @Test
    void aBadValueOfADieOnFailParameterStopsLoading() {
        assertThatThrownBy(() -> load(Map.of("FELIX_INTERFACEPREFIX", "way-too-long-interface-prefix")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FELIX_INTERFACEPREFIX").hasMessageContaining("way-too-long-interface-prefix");
    }

    @Test
    void noneMeansTheZeroValue() {
        assertThat(load(Map.of("FELIX_HEALTHHOST", "none")).healthHost()).isEmpty();
        assertThat(load(Map.of("FELIX_HEALTHENABLED", "NONE")).healthEnabled()).isFalse();
    }

    @Test
    void unknownParametersAreReportedButAcceptedFelixOnesAreNot() {
        FelixConfigLoader.Loaded l = FelixConfigLoader.load(Map.of("FELIX_NOSUCHTHING", "1",
                "FELIX_USAGEREPORTINGENABLED", "false", "PATH", "/bin"), null, "h");
        assertThat(l.warnings()).containsExactly("Ignoring unknown config param FELIX_NOSUCHTHING");
    }

    @Test
    void theEnvironmentOverridesTheConfigFile() throws IOException {
        Path f = dir.resolve("felix.cfg");
        Files.write(f, List.of("[global]", "HealthEnabled = true", "HealthPort = 1234", "LogPrefix=from-file"));
        FelixConfig c = FelixConfigLoader.load(Map.of("FELIX_HEALTHPORT", "4321"), f, "h").config();
        assertThat(c.healthEnabled()).isTrue();
        assertThat(c.healthPort()).isEqualTo(4321);
        assertThat(c.parameters()).containsEntry("logprefix", "from-file");
    }
}
