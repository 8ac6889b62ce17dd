package io.calicoj.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RuleValidationTest {

    private static final EntityRule PORT_80 = EntityRule.ANY.withPorts(List.of(Port.single(80)));

    @Test
    void portsNeedAProtocolThatHasPorts() {
        assertThatThrownBy(() -> Rule.of(Action.ALLOW).withDestination(PORT_80))
                .isInstanceOf(InvalidResourceException.class)
                .hasMessageContaining("destination.ports")
                .hasMessageContaining("rules that specify ports must set protocol to TCP or UDP or SCTP");
        assertThatThrownBy(() -> Rule.of(Action.ALLOW).withProtocol(Protocol.ICMP).withDestination(PORT_80))
                .isInstanceOf(InvalidResourceException.class);
        assertThat(Rule.of(Action.ALLOW).withProtocol(Protocol.SCTP).withDestination(PORT_80).destination().ports())
                .containsExactly(Port.single(80));
    }

    @Test
    void icmpFieldsNeedAnIcmpProtocol() {
        assertThatThrownBy(() -> new Rule(Action.ALLOW, null, Protocol.TCP, null, new IcmpMatch(8, null), null,
                EntityRule.ANY, EntityRule.ANY))
                .isInstanceOf(InvalidResourceException.class)
                .hasMessageContaining("icmp")
                .hasMessageContaining("must set protocol to ICMP");
    }

    @Test
    void oneSideCannotMixIpVersions() {
        assertThatThrownBy(() -> EntityRule.ANY.withNets(List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("fd00::/8"))))
                .isInstanceOf(InvalidResourceException.class)
                .hasMessageContaining("nets[1]")
                .hasMessageContaining("fd00::/8");
    }

    @Test
    void netsMustMatchTheRulesIpVersion() {
        EntityRule v6 = EntityRule.ANY.withNets(List.of(Cidr.parse("fd00::/8")));
        assertThatThrownBy(() -> new Rule(Action.ALLOW, 4, null, null, null, null, v6, EntityRule.ANY))
                .isInstanceOf(InvalidResourceException.class)
                .hasMessageContaining("source.nets");
    }

    @Test
    void portTextParsesNumbersRangesAndNames() {
        assertThat(Port.parse("80")).isEqualTo(Port.single(80));
        assertThat(Port.parse("80:90")).isEqualTo(Port.range(80, 90));
        assertThat(Port.parse("serve-80-tcp")).isEqualTo(Port.named("serve-80-tcp"));
        assertThat(Port.range(80, 90).contains(85)).isTrue();
        assertThat(Port.named("http").contains(80)).isFalse();
        assertThatThrownBy(() -> Port.parse("90:80")).isInstanceOf(InvalidResourceException.class)
                .hasMessageContaining("90:80");
        assertThatThrownBy(() -> Port.parse("70000")).isInstanceOf(InvalidResourceException.class);
        assertThatThrownBy(() -> Port.parse("Not_A_Name")).isInstanceOf(InvalidResourceException.class)
                .hasMessageContaining("Not_A_Name");
    }

    @Test
    void protocolsParseByNameInAnyCaseOrNumber() {
        assertThat(Protocol.parse("tcp")).isEqualTo(Protocol.TCP);
        assertThat(Protocol.parse("ICMPv6")).isEqualTo(Protocol.ICMPV6);
        assertThat(Protocol.parse("6")).isEqualTo(Protocol.TCP);
        assertThat(Protocol.parse("47").name()).isEqualTo("47");
        assertThatThrownBy(() -> Protocol.parse("TPC")).isInstanceOf(InvalidResourceException.class)
                .hasMessageContaining("TPC");
        assertThatThrownBy(() -> Protocol.parse("0")).isInstanceOf(InvalidResourceException.class);
    }

    @Test
    void errorsNestWithTheirPathAndObject() {
        InvalidResourceException e = new InvalidResourceException("cidr", "10.0.0.0/33", "bad")
                .within("spec.ingress[0].from[1].ipBlock").forObject("NetworkPolicy x/deny");
        assertThat(e).hasMessage("NetworkPolicy x/deny: spec.ingress[0].from[1].ipBlock.cidr: invalid value \"10.0.0.0/33\": bad");
    }
}
