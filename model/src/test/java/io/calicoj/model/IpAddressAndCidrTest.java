package io.calicoj.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressAndCidrTest {

    @Test
    void ipv4AddressesRoundTripThroughText() {
        assertThat(IpAddress.parse("10.244.1.7").toString()).isEqualTo("10.244.1.7");
        assertThat(IpAddress.parse("0.0.0.0").toString()).isEqualTo("0.0.0.0");
        assertThat(IpAddress.parse("255.255.255.255").toString()).isEqualTo("255.255.255.255");
    }

    @Test
    void ipv6AddressesAreWrittenInTheirShortestForm() {
        assertThat(IpAddress.parse("fd00:0:0:0:0:0:0:1").toString()).isEqualTo("fd00::1");
        assertThat(IpAddress.parse("::").toString()).isEqualTo("::");
        assertThat(IpAddress.parse("::ffff:10.0.0.1").toString()).isEqualTo("::ffff:a00:1");
        assertThat(IpAddress.parse("2001:db8:0:0:1:0:0:1").toString()).isEqualTo("2001:db8::1:0:0:1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.0.0", "10.0.0.256", "10.0.0.01", "a.b.c.d", "example.com", "1::2::3", "12345::", "10.0.0.1 "})
    void textThatIsNotALiteralAddressIsRejectedWithoutAnyLookup(String text) {
        assertThat(IpAddress.isValid(text)).isFalse();
    }

    @Test
    void aCidrKeepsItsAddressAsWrittenButContainsByNetwork() {
        Cidr c = Cidr.parse("10.244.1.7/4");
        assertThat(c.toString()).isEqualTo("10.244.1.7/4");
        assertThat(c.network().toString()).isEqualTo("0.0.0.0/4");
        assertThat(c.contains(IpAddress.parse("10.0.0.1"))).isTrue();
        assertThat(c.contains(IpAddress.parse("16.0.0.1"))).isFalse();
        assertThat(c.contains(IpAddress.parse("fd00::1"))).isFalse();
    }

    @Test
    void ipv6NetworksContainTheirAddresses() {
        Cidr c = Cidr.parse("fd00:1:2::/48");
        assertThat(c.contains(IpAddress.parse("fd00:1:2:ffff::1"))).isTrue();
        assertThat(c.contains(IpAddress.parse("fd00:1:3::1"))).isFalse();
        assertThat(Cidr.parse("fd00::1/65").network().toString()).isEqualTo("fd00::/65");
    }

    @Test
    void aBareAddressIsASingleHostNetworkWhereCalicoAllowsIt() {
        assertThat(Cidr.parseCidrOrIp("10.0.0.5").toString()).isEqualTo("10.0.0.5/32");
        assertThat(Cidr.parseCidrOrIp("fd00::5").toString()).isEqualTo("fd00::5/128");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.5")).isInstanceOf(InvalidResourceException.class)
                .hasMessageContaining("10.0.0.5");
    }

    @Test
    void anOutOfRangePrefixIsRejectedNamingTheValue() {
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33"))
                .isInstanceOf(InvalidResourceException.class)
                .hasMessageContaining("\"10.0.0.0/33\"")
                .hasMessageContaining("prefix length");
    }

    /** The record's components, compared and hashed as a record's generated methods do. */
    private record Components(int version, long high, long low) {
    }

    @Test
    void equalityAndHashAreThoseOfTheRecordsComponents() {
        IpAddress[] addresses = {IpAddress.parse("10.0.0.1"), IpAddress.parse("10.0.0.2"), IpAddress.parse("::a00:1"),
            IpAddress.parse("fd00::1"), IpAddress.parse("fd01::1"), IpAddress.parse("0.0.0.0"), IpAddress.parse("::")};
        for (IpAddress a : addresses) {
            Components ca = new Components(a.version(), a.high(), a.low());
            assertThat(a.hashCode()).as(a.toString()).isEqualTo(ca.hashCode());
            assertThat(a).isEqualTo(IpAddress.parse(a.toString())).isNotEqualTo(ca).isNotEqualTo(null);
            for (IpAddress b : addresses) {
                assertThat(a.equals(b)).as(a + " = " + b).isEqualTo(ca.equals(new Components(b.version(), b.high(), b.low())));
            }
        }
    }
}
