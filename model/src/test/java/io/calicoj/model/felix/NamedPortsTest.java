package io.calicoj.model.felix;

import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.model.Protocol;
import io.calicoj.model.selector.Selector;
import org.junit.jupiter.api.Test;

class NamedPortsTest {

    private final Selector sel = Selector.parse("app == 'web'");
    private final Selector not = Selector.parse("role == 'x'");

    @Test
    void theFilterIsThePositiveSelectorWithTheNegatedOneFoldedIn() {
        assertThat(NamedPorts.filterSelector(null, null)).isEqualTo(Selector.all());
        assertThat(NamedPorts.filterSelector(sel, null)).isEqualTo(sel);
        assertThat(NamedPorts.filterSelector(null, not).canonical()).isEqualTo("!role == \"x\"");
        assertThat(NamedPorts.filterSelector(sel, not).canonical()).isEqualTo("(app == \"web\" && !role == \"x\")");
    }

    @Test
    void setsAreUdpOrSctpWhenTheRuleSaysSoOtherwiseTcp() {
        assertThat(NamedPorts.setProtocol(Protocol.UDP)).isEqualTo(Protocol.UDP);
        assertThat(NamedPorts.setProtocol(Protocol.of(132))).isEqualTo(Protocol.SCTP);
        assertThat(NamedPorts.setProtocol(null)).isEqualTo(Protocol.TCP);
        assertThat(NamedPorts.setProtocol(Protocol.ICMP)).isEqualTo(Protocol.TCP);
        assertThat(NamedPorts.setProtocol(Protocol.TCP)).isEqualTo(Protocol.TCP);
    }
}
