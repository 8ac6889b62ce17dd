package io.calicoj.dataplane.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calicoj.model.Action;
import io.calicoj.model.Cidr;
import io.calicoj.model.IpAddress;
import io.calicoj.model.Protocol;
import io.calicoj.model.ResourceKey;
import io.calicoj.model.ResourceKind;
import io.calicoj.model.felix.PolicyId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ordering contract of {@link DataplaneUpdate}, as every {@link DataplaneDriver} keeps it: a
 * stream in dependency order is accepted and programmed; a message out of order is refused with
 * {@link DataplaneContractException}, changes nothing, and the stream can go on. One body for every
 * driver: the calculation graph's {@code FakeDataplane}, and {@code LinuxDataplaneDriver} on the
 * simulated kernel and on real iptables and ipset in a node network namespace.
 *
 * <p>The cluster of the examples: pod {@code db} in namespace {@code ns1} is selected by policy
 * {@code allow-web} (TCP to its named port {@code redis} from the {@code web} pods) and has the
 * namespace's profile, which allows from the namespace's pods; the node has host endpoint
 * {@code eth0} with a global policy.
 */
public abstract class DataplaneDriverContract {

    /** A new driver, nothing sent to it yet. */
    protected abstract DataplaneDriver newDriver();

    static final String WEB_PODS = "s:web";
    static final String NS1_PODS = "s:ns1";
    static final String REDIS_PORT = "n:redis";
    static final PolicyId ALLOW_WEB = PolicyId.namespaced("default", "ns1", "knp.default.allow-web");
    static final PolicyId ALLOW_WEB_TOO = PolicyId.namespaced("default", "ns1", "knp.default.allow-web-too");
    static final PolicyId HOST_SSH = PolicyId.global("default", "host-ssh");
    static final String NS1 = "kns.ns1";
    static final ResourceKey DB = ResourceKey.of(ResourceKind.WORKLOAD_ENDPOINT, "ns1", "node1-k8s-db-eth0");
    static final ResourceKey ETH0 = ResourceKey.of(ResourceKind.HOST_ENDPOINT, "node1-eth0");

    private DataplaneDriver driver;

    @BeforeEach
    void createDriver() {
        driver = newDriver();
    }

    // The messages.

    static IpSetMember ip(String address) {
        return new IpSetMember.Address(IpAddress.parse(address));
    }

    static IpSetUpdate webPods(String... addresses) {
        return new IpSetUpdate(WEB_PODS, IpSetType.IP, Arrays.stream(addresses).map(DataplaneDriverContract::ip)
                .collect(Collectors.toSet()));
    }

    static IpSetUpdate ns1Pods() {
        return new IpSetUpdate(NS1_PODS, IpSetType.IP, Set.of(ip("10.65.0.2"), ip("10.65.0.3")));
    }

    static IpSetUpdate redisPort() {
        return new IpSetUpdate(REDIS_PORT, IpSetType.IP_PORT, Set.of(new IpSetMember.AddressPort(IpAddress.parse("10.65.0.2"),
                Protocol.TCP, 6379)));
    }

    /** Allow TCP from the sets' members (empty: from anywhere) to the named ports' sets. */
    static ParsedRule allow(List<String> fromSets, List<String> toNamedPorts) {
        return new ParsedRule(Action.ALLOW, null, Protocol.TCP, null, null, null, List.of(), List.of(), fromSets, List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                toNamedPorts, List.of());
    }

    static ActivePolicyUpdate allowWeb(PolicyId id) {
        return new ActivePolicyUpdate(id, new ParsedPolicy(List.of(allow(List.of(WEB_PODS), List.of(REDIS_PORT))), List.of(),
                false, false, false));
    }

    static ActivePolicyUpdate allowAll(PolicyId id) {
        return new ActivePolicyUpdate(id, new ParsedPolicy(List.of(allow(List.of(), List.of())), List.of(), false, false, false));
    }

    static ActiveProfileUpdate ns1Profile() {
        return new ActiveProfileUpdate(NS1, List.of(allow(List.of(NS1_PODS), List.of())), List.of(allow(List.of(), List.of())));
    }

    static ActiveProfileUpdate allowAllProfile() {
        return new ActiveProfileUpdate(NS1, List.of(allow(List.of(), List.of())), List.of(allow(List.of(), List.of())));
    }

    static WorkloadEndpointUpdate db(List<PolicyId> ingress, List<String> profiles) {
        return new WorkloadEndpointUpdate(DB, "cali00000000db0", "", List.of(Cidr.parse("10.65.0.2/32")), List.of(),
                ingress.isEmpty() ? List.of() : List.of(new TierInfo("default", ingress, List.of())), profiles);
    }

    /** Host endpoint eth0 with the policies in its normal, untracked and pre-DNAT tiers. */
    static HostEndpointUpdate eth0(List<PolicyId> normal, List<PolicyId> untracked, List<PolicyId> preDnat) {
        return new HostEndpointUpdate(ETH0, "eth0", List.of(), List.of(), tiers(normal), tiers(untracked), tiers(preDnat),
                List.of());
    }

    private static List<TierInfo> tiers(List<PolicyId> ingress) {
        return ingress.isEmpty() ? List.of() : List.of(new TierInfo("default", ingress, List.of()));
    }

    /** The example cluster in dependency order: sets, policies, profiles, endpoints. */
    static List<DataplaneUpdate> cluster() {
        return List.of(webPods("10.65.0.3"), ns1Pods(), redisPort(), allowWeb(ALLOW_WEB), allowAll(HOST_SSH), ns1Profile(),
                db(List.of(ALLOW_WEB), List.of(NS1)), eth0(List.of(HOST_SSH), List.of(), List.of()));
    }

    // Sending.

    /** Sends a batch and programs it. */
    private void send(DataplaneUpdate... batch) {
        for (DataplaneUpdate m : batch) {
            driver.onUpdate(m);
        }
        driver.apply();
    }

    /** The example cluster and InSync, programmed. */
    private void synced() {
        cluster().forEach(driver::onUpdate);
        send(new InSync());
    }

    /** What the driver has been told, copied. */
    private record Told(Map<String, IpSetType> ipSets, Set<PolicyId> policies, Set<String> profiles,
                        Map<ResourceKey, WorkloadEndpointUpdate> workloads, Map<ResourceKey, HostEndpointUpdate> hosts) {
    }

    private Told told() {
        ActiveState a = driver.active();
        return new Told(Map.copyOf(a.ipSets()), Set.copyOf(a.policies().keySet()), Set.copyOf(a.profiles().keySet()),
                Map.copyOf(a.workloadEndpoints()), Map.copyOf(a.hostEndpoints()));
    }

    private void assertRefused(DataplaneUpdate m, String because) {
        Told before = told();
        assertThatThrownBy(() -> driver.onUpdate(m)).isInstanceOf(DataplaneContractException.class)
                .hasMessageContaining(because);
        assertThat(told()).as("a refused message changes nothing").isEqualTo(before);
    }

    // In order: accepted.

    @Test
    void aClusterSentInDependencyOrderIsAcceptedAndProgrammedOnceInSync() {
        cluster().forEach(driver::onUpdate);
        assertThat(driver.inSync()).isFalse();
        driver.apply();
        send(new InSync());
        assertThat(driver.inSync()).isTrue();
        assertThat(driver.active().ipSets()).containsOnlyKeys(WEB_PODS, NS1_PODS, REDIS_PORT);
        assertThat(driver.active().policies()).containsOnlyKeys(ALLOW_WEB, HOST_SSH);
        assertThat(driver.active().profiles()).containsOnlyKeys(NS1);
        assertThat(driver.active().workloadEndpoints()).containsOnlyKeys(DB);
        assertThat(driver.active().hostEndpoints()).containsOnlyKeys(ETH0);
    }

    @Test
    void removalsInReverseDependencyOrderAreAcceptedAndLeaveNothingActive() {
        synced();
        send(new WorkloadEndpointRemove(DB), new HostEndpointRemove(ETH0), new ActiveProfileRemove(NS1),
                new ActivePolicyRemove(ALLOW_WEB), new ActivePolicyRemove(HOST_SSH),
                new IpSetRemove(WEB_PODS), new IpSetRemove(NS1_PODS), new IpSetRemove(REDIS_PORT));
        assertThat(told()).isEqualTo(new Told(Map.of(), Set.of(), Set.of(), Map.of(), Map.of()));
    }

    @Test
    void deltasToASetAlreadySentAreAccepted() {
        synced();
        send(new IpSetDeltaUpdate(WEB_PODS, Set.of(ip("10.65.0.4")), Set.of(ip("10.65.0.3"))));
        send(new IpSetDeltaUpdate(REDIS_PORT, Set.of(new IpSetMember.AddressPort(IpAddress.parse("10.65.0.5"), Protocol.TCP,
                6379)), Set.of()));
        assertThat(driver.active().ipSets()).containsOnlyKeys(WEB_PODS, NS1_PODS, REDIS_PORT);
    }

    @Test
    void whatAnUpdateNoLongerRefersToMayThenBeRemoved() {
        synced();
        send(db(List.of(), List.of(NS1)), new ActivePolicyRemove(ALLOW_WEB), allowAllProfile(), new IpSetRemove(NS1_PODS));
        send(new IpSetRemove(WEB_PODS), new IpSetRemove(REDIS_PORT));
        assertThat(driver.active().policies()).containsOnlyKeys(HOST_SSH);
        assertThat(driver.active().ipSets()).isEmpty();
    }

    @Test
    void aSetTwoPoliciesUseMayBeRemovedOnlyAfterBoth() {
        synced();
        send(allowWeb(ALLOW_WEB_TOO), db(List.of(ALLOW_WEB, ALLOW_WEB_TOO), List.of(NS1)));
        send(db(List.of(), List.of(NS1)), new ActivePolicyRemove(ALLOW_WEB));
        assertRefused(new IpSetRemove(WEB_PODS), "IP set " + WEB_PODS + " removed while policy " + ALLOW_WEB_TOO);
        send(new ActivePolicyRemove(ALLOW_WEB_TOO), new IpSetRemove(WEB_PODS));
        assertThat(driver.active().ipSets()).doesNotContainKey(WEB_PODS);
    }

    // Sent before what it refers to: refused.

    @Test
    void aPolicyMayNotUseASetBeforeTheSetIsSent() {
        send(ns1Pods());
        assertRefused(allowWeb(ALLOW_WEB), "policy " + ALLOW_WEB + " uses IP set " + WEB_PODS + " before it was sent");
    }

    @Test
    void aProfileMayNotUseASetBeforeTheSetIsSent() {
        assertRefused(ns1Profile(), "profile " + NS1 + " uses IP set " + NS1_PODS + " before it was sent");
    }

    @Test
    void aDeltaMayNameOnlyASetAlreadySent() {
        assertRefused(new IpSetDeltaUpdate(WEB_PODS, Set.of(ip("10.65.0.3")), Set.of()), "delta to unknown IP set " + WEB_PODS);
    }

    @Test
    void membersMustFitTheTypeOfTheirSet() {
        IpSetMember port = new IpSetMember.AddressPort(IpAddress.parse("10.65.0.3"), Protocol.TCP, 80);
        assertRefused(new IpSetUpdate(WEB_PODS, IpSetType.IP, Set.of(port)), "does not fit IP IP set " + WEB_PODS);
        assertRefused(new IpSetUpdate(REDIS_PORT, IpSetType.IP_PORT, Set.of(ip("10.65.0.3"))), "does not fit IP_PORT");
        assertRefused(new IpSetUpdate("s:pool", IpSetType.NET, Set.of(ip("10.65.0.3"))), "does not fit NET");
        send(webPods("10.65.0.3"));
        assertRefused(new IpSetDeltaUpdate(WEB_PODS, Set.of(port), Set.of()), "does not fit IP IP set " + WEB_PODS);
    }

    @Test
    void anEndpointMayNotListAPolicyBeforeThePolicyIsSent() {
        send(allowAllProfile());
        assertRefused(db(List.of(ALLOW_WEB), List.of(NS1)), "workload endpoint " + DB + " lists policy " + ALLOW_WEB);
        assertRefused(eth0(List.of(HOST_SSH), List.of(), List.of()), "host endpoint " + ETH0 + " lists policy " + HOST_SSH);
        assertRefused(eth0(List.of(), List.of(HOST_SSH), List.of()), "lists policy " + HOST_SSH);
        assertRefused(eth0(List.of(), List.of(), List.of(HOST_SSH)), "lists policy " + HOST_SSH);
    }

    @Test
    void anEndpointMayNotListAProfileBeforeTheProfileIsSent() {
        assertRefused(db(List.of(), List.of(NS1)), "workload endpoint " + DB + " lists profile " + NS1 + " before it was sent");
    }

    // Removed while referred to, or never sent: refused.

    @Test
    void aSetMayNotBeRemovedWhileAPolicyOrProfileUsesIt() {
        synced();
        assertRefused(new IpSetRemove(WEB_PODS), "IP set " + WEB_PODS + " removed while policy " + ALLOW_WEB + " uses it");
        assertRefused(new IpSetRemove(REDIS_PORT), "IP set " + REDIS_PORT + " removed while policy " + ALLOW_WEB + " uses it");
        assertRefused(new IpSetRemove(NS1_PODS), "IP set " + NS1_PODS + " removed while profile " + NS1 + " uses it");
    }

    @Test
    void aPolicyMayNotBeRemovedWhileAnEndpointListsItInAnyTier() {
        synced();
        assertRefused(new ActivePolicyRemove(ALLOW_WEB), "policy " + ALLOW_WEB + " removed while an endpoint lists it"
                + " (workload endpoint " + DB + ")");
        assertRefused(new ActivePolicyRemove(HOST_SSH), "policy " + HOST_SSH + " removed while an endpoint lists it"
                + " (host endpoint " + ETH0 + ")");
        send(eth0(List.of(), List.of(HOST_SSH), List.of()));
        assertRefused(new ActivePolicyRemove(HOST_SSH), "while an endpoint lists it");
        send(eth0(List.of(), List.of(), List.of(HOST_SSH)));
        assertRefused(new ActivePolicyRemove(HOST_SSH), "while an endpoint lists it");
    }

    @Test
    void aProfileMayNotBeRemovedWhileAnEndpointListsIt() {
        synced();
        assertRefused(new ActiveProfileRemove(NS1), "profile " + NS1 + " removed while an endpoint lists it (workload endpoint "
                + DB + ")");
    }

    @Test
    void onlyWhatWasSentMayBeRemoved() {
        assertRefused(new IpSetRemove(WEB_PODS), "removal of unknown IP set " + WEB_PODS);
        assertRefused(new ActivePolicyRemove(ALLOW_WEB), "removal of unknown policy " + ALLOW_WEB);
        assertRefused(new ActiveProfileRemove(NS1), "removal of unknown profile " + NS1);
        assertRefused(new WorkloadEndpointRemove(DB), "removal of unknown workload endpoint " + DB);
        assertRefused(new HostEndpointRemove(ETH0), "removal of unknown host endpoint " + ETH0);
    }

    // After a refusal.

    @Test
    void afterARefusedMessageTheStreamGoesOnAsIfItHadNotBeenSent() {
        synced();
        assertRefused(new IpSetRemove(WEB_PODS), "removed while policy");
        send(new WorkloadEndpointRemove(DB), new ActivePolicyRemove(ALLOW_WEB), new IpSetRemove(WEB_PODS));
        assertThat(driver.active().ipSets()).containsOnlyKeys(NS1_PODS, REDIS_PORT);
        assertThat(driver.active().policies()).containsOnlyKeys(HOST_SSH);
    }
}
