package io.calicoj.calc;

import static io.calicoj.calc.testing.Resources.containerPort;
import static io.calicoj.calc.testing.Resources.hostEndpoint;
import static io.calicoj.calc.testing.Resources.ip;
import static io.calicoj.calc.testing.Resources.ipPort;
import static io.calicoj.calc.testing.Resources.labels;
import static io.calicoj.calc.testing.Resources.namespace;
import static io.calicoj.calc.testing.Resources.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.dataplane.api.IpSetType;
import io.calicoj.model.Cidr;
import io.calicoj.model.Protocol;
import io.calicoj.model.Resource;
import io.calicoj.model.WorkloadEndpoint;
import io.calicoj.model.selector.Selector;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpSetMemberIndexTest {

    private final RecordingIpSets out = new RecordingIpSets();
    private final IpSetMemberIndex index = new IpSetMemberIndex(out);

    private final IpSetData web = IpSetData.selector(Selector.parse("app == 'web'"));
    private final IpSetData webHttp = IpSetData.namedPort(Selector.parse("app == 'web'"), Protocol.TCP, "http");
    private final IpSetData anyDns = IpSetData.namedPort(Selector.all(), Protocol.UDP, "dns");

    private void endpoint(Resource r) {
        index.onEndpointUpdate(Decoded.endpoint(r));
    }

    @Test
    void aNewSetIsFilledWithEveryMatchingEndpointInTheCluster() {
        endpoint(pod("x", "a", "node-a", "10.0.0.1", labels("app", "web")));
        endpoint(pod("x", "b", "node-b", "10.0.0.2", labels("app", "web")));
        endpoint(pod("x", "c", "node-b", "10.0.0.3", labels("app", "db")));
        index.onIpSetActive(web);

        assertThat(out.sets).containsOnlyKeys(web.id());
        assertThat(out.sets.get(web.id())).containsExactlyInAnyOrder(ip("10.0.0.1"), ip("10.0.0.2"));
        assertThat(out.types.get(web.id())).isEqualTo(IpSetType.IP);
    }

    @Test
    void endpointsJoinAndLeaveAsTheirLabelsChange() {
        index.onIpSetActive(web);
        endpoint(pod("x", "a", "node-b", "10.0.0.1", labels("app", "web")));
        assertThat(out.sets.get(web.id())).containsExactly(ip("10.0.0.1"));
        endpoint(pod("x", "a", "node-b", "10.0.0.1", labels("app", "db")));
        assertThat(out.sets.get(web.id())).isEmpty();
    }

    @Test
    void aMemberSharedByTwoEndpointsIsRemovedOnlyWhenBothAreGone() {
        index.onIpSetActive(web);
        var a = pod("x", "a", "node-b", "10.0.0.1", labels("app", "web"));
        var b = pod("y", "b", "node-b", "10.0.0.1", labels("app", "web"));
        endpoint(a);
        endpoint(b);
        index.onEndpointRemoved(a.key());
        assertThat(out.sets.get(web.id())).containsExactly(ip("10.0.0.1"));
        index.onEndpointRemoved(b.key());
        assertThat(out.sets.get(web.id())).isEmpty();
        assertThat(out.events).containsExactly("add-set " + web.id(), "+10.0.0.1", "-10.0.0.1");
    }

    @Test
    void anAddressAnEndpointKeepsDoesNotFlapWhenItGainsAnother() {
        index.onIpSetActive(web);
        var a = pod("x", "a", "node-b", "10.0.0.1", labels("app", "web"));
        endpoint(a);
        out.events.clear();
        var a2 = new WorkloadEndpoint(a.metadata(), new WorkloadEndpoint.Spec(
                a.spec().orchestrator(), "", a.spec().node(), "", a.spec().pod(), "eth0", "",
                List.of(Cidr.parse("10.0.0.1/32"), Cidr.parse("fd00::1/128")),
                List.of(), "", "", a.spec().profiles(), a.spec().interfaceName(), "", List.of()));
        endpoint(a2);
        assertThat(out.events).containsExactly("+fd00::1");
    }

    @Test
    void namedPortSetsHoldAddressProtocolAndPortOfEndpointsExportingThePort() {
        index.onIpSetActive(webHttp);
        index.onIpSetActive(anyDns);
        endpoint(pod("x", "a", "node-b", "10.0.0.1", labels("app", "web"), containerPort("http", 80, "TCP")));
        endpoint(pod("x", "b", "node-b", "10.0.0.2", labels("app", "web"), containerPort("http", 8080, "UDP"),
                containerPort("dns", 53, "UDP")));
        endpoint(pod("x", "c", "node-b", "10.0.0.3", labels("app", "db"), containerPort("http", 81, "TCP")));

        assertThat(out.sets.get(webHttp.id())).containsExactly(ipPort("10.0.0.1", Protocol.TCP, 80));
        assertThat(out.sets.get(anyDns.id())).containsExactly(ipPort("10.0.0.2", Protocol.UDP, 53));
        assertThat(out.types.get(webHttp.id())).isEqualTo(IpSetType.IP_PORT);

        endpoint(pod("x", "a", "node-b", "10.0.0.1", labels("app", "web"), containerPort("http", 8000, "TCP")));
        assertThat(out.sets.get(webHttp.id())).containsExactly(ipPort("10.0.0.1", Protocol.TCP, 8000));
        endpoint(pod("x", "c", "node-b", "10.0.0.3", labels("app", "web"), containerPort("http", 81, "TCP")));
        assertThat(out.sets.get(webHttp.id())).containsExactlyInAnyOrder(ipPort("10.0.0.1", Protocol.TCP, 8000),
                ipPort("10.0.0.3", Protocol.TCP, 81));
    }

    @Test
    void setsSharingASelectorAreFilledAlike() {
        endpoint(pod("x", "a", "node-b", "10.0.0.1", labels("app", "web"), containerPort("http", 80, "TCP")));
        index.onIpSetActive(web);
        index.onIpSetActive(webHttp);
        assertThat(out.sets.get(web.id())).containsExactly(ip("10.0.0.1"));
        assertThat(out.sets.get(webHttp.id())).containsExactly(ipPort("10.0.0.1", Protocol.TCP, 80));

        index.onIpSetInactive(web);
        endpoint(pod("x", "b", "node-b", "10.0.0.2", labels("app", "web"), containerPort("http", 80, "TCP")));
        assertThat(out.sets).containsOnlyKeys(webHttp.id());
        assertThat(out.sets.get(webHttp.id())).hasSize(2);
    }

    @Test
    void membershipFollowsLabelsInheritedFromProfiles() {
        IpSetData red = IpSetData.selector(Selector.parse("pcns.team == 'red'"));
        index.onIpSetActive(red);
        endpoint(pod("x", "a", "node-b", "10.0.0.1", labels()));
        assertThat(out.sets.get(red.id())).isEmpty();
        index.onProfileUpdate(Decoded.profile(namespace("x", "team", "red")));
        assertThat(out.sets.get(red.id())).containsExactly(ip("10.0.0.1"));
        index.onProfileRemoved("kns.x");
        assertThat(out.sets.get(red.id())).isEmpty();
    }

    @Test
    void hostEndpointsContributeTheirExpectedAddresses() {
        IpSetData gw = IpSetData.selector(Selector.parse("role == 'gw'"));
        index.onIpSetActive(gw);
        endpoint(hostEndpoint("h", "node-b", "eth0", List.of("192.168.0.1"), labels("role", "gw")));
        assertThat(out.sets.get(gw.id())).containsExactly(ip("192.168.0.1"));
    }

    @Test
    void anUpdateThatChangesNothingSetsSeeEmitsNothing() {
        index.onIpSetActive(web);
        var a = pod("x", "a", "node-b", "10.0.0.1", labels("app", "web"));
        endpoint(a);
        int events = out.events.size();
        endpoint(a);
        endpoint(pod("x", "a", "node-c", "10.0.0.1", labels("app", "web")));
        index.onEndpointRemoved(pod("x", "zz", "node-c", "10.0.0.9", labels()).key());
        assertThat(out.events).hasSize(events);
    }

    @Test
    void deactivatingASetRemovesItWithoutMemberEvents() {
        endpoint(pod("x", "a", "node-b", "10.0.0.1", labels("app", "web")));
        index.onIpSetActive(web);
        out.events.clear();
        index.onIpSetInactive(web);
        assertThat(out.events).containsExactly("remove-set " + web.id());
        index.onIpSetActive(web);
        assertThat(out.sets.get(web.id())).containsExactly(ip("10.0.0.1"));
    }
}
