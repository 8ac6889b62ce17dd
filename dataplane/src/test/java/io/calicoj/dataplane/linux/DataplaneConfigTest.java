package io.calicoj.dataplane.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calicoj.dataplane.iptables.Action;
import io.calicoj.dataplane.rules.EndpointToHostAction;
import io.calicoj.dataplane.rules.MarkBits;
import io.calicoj.dataplane.rules.ProtoPort;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataplaneConfigTest {

    @Test
    void defaultsAreModernFelixs() {
        DataplaneConfig c = DataplaneConfig.defaults();
        assertThat(c.rules().workloadInterfacePrefixes()).containsExactly("cali");
        assertThat(c.rules().marks()).isEqualTo(MarkBits.fromMask(0xffff0000L));
        assertThat(c.rules().endpointToHostAction()).isEqualTo(EndpointToHostAction.DROP);
        assertThat(c.iptablesBackend()).isEqualTo("auto");
        assertThat(c.iptablesRefreshInterval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.ipsetsRefreshInterval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.iptablesPostWriteCheckInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.maxIpsetSize()).isEqualTo(1_048_576);
        assertThat(c.rules().failsafeInbound()).startsWith(new ProtoPort("tcp", 22), new ProtoPort("udp", 68));
    }

    @Test
    void felixVariablesAreReadCaseInsensitively() {
        DataplaneConfig c = DataplaneConfig.fromEnvironment(Map.of(
                "FELIX_DEFAULTENDPOINTTOHOSTACTION", "accept",
                "felix_interfacePrefix", "cali,tap",
                "FELIX_IPTABLESMARKMASK", "0xff000000",
                "FELIX_IPTABLESBACKEND", "Legacy",
                "FELIX_IPTABLESREFRESHINTERVAL", "1.5",
                "FELIX_IPTABLESFILTERALLOWACTION", "return",
                "FELIX_FAILSAFEINBOUNDHOSTPORTS", "none",
                "PATH", "/usr/bin"));
        assertThat(c.rules().endpointToHostAction()).isEqualTo(EndpointToHostAction.ACCEPT);
        assertThat(c.rules().workloadInterfacePrefixes()).containsExactly("cali", "tap");
        assertThat(c.rules().marks().accept()).isEqualTo(0x1000000);
        assertThat(c.iptablesBackend()).isEqualTo("legacy");
        assertThat(c.iptablesRefreshInterval()).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.rules().filterAllowAction()).isEqualTo(Action.RETURN);
        assertThat(c.rules().failsafeInbound()).isEqualTo(List.of());
    }

    @Test
    void badValuesAreReportedWithTheParameterAndTheValue() {
        assertThatThrownBy(() -> DataplaneConfig.fromParameters(Map.of("DefaultEndpointToHostAction", "DENY")))
                .hasMessageContaining("DefaultEndpointToHostAction = 'DENY'");
        assertThatThrownBy(() -> DataplaneConfig.fromParameters(Map.of("IptablesBackend", "iptables")))
                .hasMessageContaining("IptablesBackend = 'iptables'");
        assertThatThrownBy(() -> DataplaneConfig.fromParameters(Map.of("IptablesRefreshInterval", "soon")))
                .hasMessageContaining("IptablesRefreshInterval = 'soon'");
        assertThatThrownBy(() -> DataplaneConfig.fromParameters(Map.of("FailsafeInboundHostPorts", "tcp:99999")))
                .hasMessageContaining("FailsafeInboundHostPorts = 'tcp:99999'");
        assertThatThrownBy(() -> DataplaneConfig.fromParameters(Map.of("InterfacePrefix", "cali,bad prefix")))
                .hasMessageContaining("InterfacePrefix");
        assertThatThrownBy(() -> DataplaneConfig.fromParameters(Map.of("IptablesMarkMask", "0x3")))
                .hasMessageContaining("IptablesMarkMask = 0x3");
        assertThatThrownBy(() -> DataplaneConfig.fromParameters(Map.of("ChainInsertMode", "top")))
                .hasMessageContaining("ChainInsertMode = 'top'");
    }
}
