package io.calicoj.kube.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.model.IpAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerNamesTest {

    /** Subject alternative names as the JDK gives them: [2, dns] and [7, ip]. */
    private static Collection<List<?>> sans(String... names) {
        List<List<?>> out = new ArrayList<>();
        for (String n : names) {
            out.add(n.startsWith("IP:") ? List.of(7, n.substring(3)) : List.of(2, n.substring(4)));
        }
        return out;
    }

    @Test
    void aDnsNameMatchesTheSameNameIgnoringCaseAndOneTrailingDot() {
        Collection<List<?>> cert = sans("DNS:api.example.com", "DNS:kubernetes.default.svc");

        assertThat(ServerNames.matches("api.example.com", cert)).isTrue();
        assertThat(ServerNames.matches("API.Example.COM", cert)).isTrue();
        assertThat(ServerNames.matches("kubernetes.default.svc.", cert)).isTrue();
        assertThat(ServerNames.matches("example.com", cert)).isFalse();
        assertThat(ServerNames.matches("api.example.com.evil.io", cert)).isFalse();
        assertThat(ServerNames.matches("xapi.example.com", cert)).isFalse();
    }

    @Test
    void aWildcardStandsForExactlyOneWholeFirstLabel() {
        Collection<List<?>> cert = sans("DNS:*.example.com");

        assertThat(ServerNames.matches("api.example.com", cert)).isTrue();
        assertThat(ServerNames.matches("example.com", cert)).isFalse();
        assertThat(ServerNames.matches("a.b.example.com", cert)).isFalse();
        assertThat(ServerNames.matches(".example.com", cert)).isFalse();
        assertThat(ServerNames.matches("*.example.com", cert)).isFalse();
    }

    @Test
    void wildcardsOverOneLabelOrInsideALabelMatchNothing() {
        assertThat(ServerNames.matches("example.com", sans("DNS:*.com"))).isFalse();
        assertThat(ServerNames.matches("api.example.com", sans("DNS:a*.example.com"))).isFalse();
        assertThat(ServerNames.matches("api.example.com", sans("DNS:api.*.com"))).isFalse();
        assertThat(ServerNames.matches("api.example.com", sans("DNS:*"))).isFalse();
    }

    @Test
    void anAddressMatchesOnlyTheSameAddressAmongTheIpNames() {
        Collection<List<?>> cert = sans("DNS:10.96.0.1", "IP:10.96.0.10", "IP:fd00:0:0:0:0:0:0:1");

        assertThat(ServerNames.matches("10.96.0.10", cert)).isTrue();
        assertThat(ServerNames.matches("10.96.0.1", cert)).as("an address is never matched against DNS names").isFalse();
        assertThat(ServerNames.matches("[fd00::1]", cert)).isTrue();
        assertThat(ServerNames.matches("fd00::1", cert)).isTrue();
        assertThat(ServerNames.matches("[fd00::2]", cert)).isFalse();
        assertThat(ServerNames.matches("10.96.0.100", cert)).isFalse();
    }

    @Test
    void aDnsNameNeverMatchesAnIpName() {
        assertThat(ServerNames.matches("localhost", sans("IP:127.0.0.1"))).isFalse();
    }

    @Test
    void withoutAlternativeNamesNothingMatches() {
        assertThat(ServerNames.matches("localhost", null)).isFalse();
        assertThat(ServerNames.matches("localhost", sans())).isFalse();
        assertThat(ServerNames.matches("", sans("DNS:localhost"))).isFalse();
    }

    @Test
    void onlyLiteralsAreAddressesAndNoNameIsLookedUp() {
        assertThat(ServerNames.address("10.0.0.1")).isEqualTo(IpAddress.parse("10.0.0.1"));
        assertThat(ServerNames.address("::ffff:10.0.0.1")).isEqualTo(IpAddress.parse("10.0.0.1"));
        assertThat(ServerNames.address("0:0:0:0:0:FFFF:A00:1")).isEqualTo(IpAddress.parse("10.0.0.1"));
        assertThat(ServerNames.address("256.0.0.1")).isNull();
        assertThat(ServerNames.address("10.0.0")).isNull();
        assertThat(ServerNames.address("localhost")).isNull();
        assertThat(ServerNames.address("not:an:address")).isNull();
    }
}
