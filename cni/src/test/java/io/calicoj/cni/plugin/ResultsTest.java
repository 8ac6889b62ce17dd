package io.calicoj.cni.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsTest {

    private static final String HOST_LOCAL_031 = """
            {"cniVersion": "0.3.1", "ips": [{"version": "4", "address": "10.9.1.3/24", "gateway": "10.9.1.1"}],
             "routes": [{"dst": "10.0.0.0/8"}], "dns": {"nameservers": ["10.96.0.10"]}}
            """;

    @Test
    void hostLocalsAnswerIsParsedAsAHostAddress() throws CniException {
        IpamResult r = IpamResult.parse(HOST_LOCAL_031, "host-local");

        assertThat(r.ips()).containsExactly(new IpamResult.Address("10.9.1.3", 24, "10.9.1.1"));
        assertThat(r.ips().get(0).hostCidr()).isEqualTo("10.9.1.3/32");
        assertThat(r.routes()).containsExactly(new IpamResult.Route("10.0.0.0/8", ""));
        assertThat(r.dns().toString()).isEqualTo("{\"nameservers\":[\"10.96.0.10\"]}");
    }

    @Test
    void hostLocals100AnswerHasNoVersionField() throws CniException {
        IpamResult r = IpamResult.parse("{\"cniVersion\":\"1.0.0\",\"ips\":[{\"address\":\"10.9.1.2/30\"}],\"dns\":{}}", "h");

        assertThat(r.ips().get(0).ip()).isEqualTo("10.9.1.2");
    }

    @Test
    void anAnswerWithoutAddressesIsAnIpamFailure() {
        assertThatThrownBy(() -> IpamResult.parse("{\"cniVersion\":\"1.0.0\",\"ips\":[]}", "host-local"))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(CniException.IPAM);
                    assertThat(e.msg()).isEqualTo("IPAM plugin host-local returned missing IP config");
                });
    }

    @Test
    void addressesThatAreNotCidrsOrCouldInjectArgumentsAreRefused() {
        for (String bad : new String[] {"10.0.0.1", "10.0.0.1/33", "10.0.0.1 dev lo/32", "x/24"}) {
            assertThatThrownBy(() -> IpamResult.parse("{\"ips\":[{\"address\":\"" + bad + "\"}]}", "h"))
                    .as(bad).isInstanceOf(CniException.class);
        }
    }

    @Test
    void notJsonIsAnIpamFailure() {
        assertThatThrownBy(() -> IpamResult.parse("oops", "h"))
                .isInstanceOfSatisfying(CniException.class, e -> assertThat(e.code()).isEqualTo(CniException.IPAM));
    }

    @Test
    void resultRoundTripsThroughPrevResult() throws CniException {
        CniResult r = new CniResult(List.of(new CniResult.Interface("cali1", "ee:ee:ee:ee:ee:ee", ""),
                new CniResult.Interface("eth0", "02:00:00:00:00:01", "/proc/1/ns/net")),
                List.of(new CniResult.Ip("10.0.0.5/32", 1)), List.of(new IpamResult.Route("0.0.0.0/0", "169.254.1.1")), null);

        for (String v : CniVersions.SUPPORTED) {
            CniResult back = CniResult.parse(Json.parseObject(r.toJson(v), "result"));
            assertThat(back.interfaces()).isEqualTo(r.interfaces());
            assertThat(back.ips()).isEqualTo(r.ips());
            assertThat(back.routes()).isEqualTo(r.routes());
        }
    }

    @Test
    void versionFieldOfIpsExistsBefore100Only() {
        CniResult r = new CniResult(List.of(), List.of(new CniResult.Ip("fd00::5/128", -1)), List.of(), null);

        assertThat(r.toJson("0.4.0")).isEqualTo("{\"cniVersion\":\"0.4.0\",\"interfaces\":[],"
                + "\"ips\":[{\"version\":\"6\",\"address\":\"fd00::5/128\"}],\"dns\":{}}");
        assertThat(r.toJson("1.0.0")).isEqualTo("{\"cniVersion\":\"1.0.0\",\"interfaces\":[],"
                + "\"ips\":[{\"address\":\"fd00::5/128\"}],\"dns\":{}}");
    }

    @Test
    void errorObjectHasDetailsOnlyWhenThereAreAny() {
        assertThat(CniPlugin.error("0.4.0", new CniException(7, "bad", "")))
                .isEqualTo("{\"cniVersion\":\"0.4.0\",\"code\":7,\"msg\":\"bad\"}");
        assertThat(CniPlugin.error("1.0.0", new CniException(101, "m", "d")))
                .isEqualTo("{\"cniVersion\":\"1.0.0\",\"code\":101,\"msg\":\"m\",\"details\":\"d\"}");
    }
}
