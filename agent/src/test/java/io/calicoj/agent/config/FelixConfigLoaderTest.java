package io.calicoj.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
        assertThat(c.iptablesRefreshInterval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.ipsetsRefreshInterval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.iptablesPostWriteCheckInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.iptablesLockFilePath()).isEqualTo("/run/xtables.lock");
        assertThat(c.iptablesBackend()).isEqualTo(FelixConfig.IptablesBackend.AUTO);
        assertThat(c.iptablesMarkMask()).isEqualTo(0xffff0000L);
        assertThat(c.chainInsertMode()).isEqualTo(FelixConfig.ChainInsertMode.INSERT);
        assertThat(c.defaultEndpointToHostAction()).isEqualTo(FelixConfig.EndpointToHostAction.DROP);
        assertThat(c.healthEnabled()).isFalse();
        assertThat(c.healthHost()).isEqualTo("localhost");
        assertThat(c.healthPort()).isEqualTo(9099);
        assertThat(c.prometheusMetricsEnabled()).isFalse();
        assertThat(c.prometheusMetricsPort()).isEqualTo(9091);
        assertThat(c.maxIpsetSize()).isEqualTo(1048576);
        assertThat(c.logPrefix()).isEqualTo("calico-packet");
    }

    @Test
    void environmentVariablesAreMatchedCaseInsensitivelyWithFelixsValueSyntax() {
        FelixConfig c = load(Map.of("FELIX_FELIXHOSTNAME", "node-7", "FELIX_HEALTHENABLED", "yes",
                "felix_healthPort", "19099", "FELIX_LOGSEVERITYSCREEN", "debug", "FELIX_INTERFACEPREFIX", "cali,tap",
                "FELIX_IPTABLESBACKEND", "nft", "FELIX_DEFAULTENDPOINTTOHOSTACTION", "ACCEPT",
                "FELIX_IPTABLESREFRESHINTERVAL", "2.5", "FELIX_IPTABLESMARKMASK", "0xff000000",
                "FELIX_PROMETHEUSMETRICSENABLED", "t"));
        assertThat(c.felixHostname()).isEqualTo("node-7");
        assertThat(c.healthEnabled()).isTrue();
        assertThat(c.healthPort()).isEqualTo(19099);
        assertThat(c.logSeverityScreen()).isEqualTo("DEBUG");
        assertThat(c.interfacePrefixes()).containsExactly("cali", "tap");
        assertThat(c.iptablesBackend()).isEqualTo(FelixConfig.IptablesBackend.NFT);
        assertThat(c.defaultEndpointToHostAction()).isEqualTo(FelixConfig.EndpointToHostAction.ACCEPT);
        assertThat(c.iptablesRefreshInterval()).isEqualTo(Duration.ofMillis(2500));
        assertThat(c.iptablesMarkMask()).isEqualTo(0xff000000L);
        assertThat(c.prometheusMetricsEnabled()).isTrue();
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
        assertThatThrownBy(() -> load(Map.of("FELIX_IPTABLESMARKMASK", "0x3")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FELIX_IPTABLESMARKMASK").hasMessageContaining("0x3");
        assertThatThrownBy(() -> load(Map.of("FELIX_INTERFACEPREFIX", "way-too-long-interface-prefix")))
                .hasMessageContaining("FELIX_INTERFACEPREFIX");
    }

    @Test
    void noneMeansTheZeroValue() {
        assertThat(load(Map.of("FELIX_IPTABLESREFRESHINTERVAL", "none")).iptablesRefreshInterval()).isZero();
        assertThat(load(Map.of("FELIX_LOGPREFIX", "NONE")).logPrefix()).isEmpty();
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
        assertThat(c.logPrefix()).isEqualTo("from-file");
    }
}
