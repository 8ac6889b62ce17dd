package io.calicoj.dataplane.linux;

import static io.calicoj.dataplane.testing.Messages.allowAllProfile;
import static io.calicoj.dataplane.testing.Messages.ipSet;
import static io.calicoj.dataplane.testing.Messages.policy;
import static io.calicoj.dataplane.testing.Messages.wepKey;
import static io.calicoj.dataplane.testing.Messages.workload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calicoj.dataplane.api.ActivePolicyRemove;
import io.calicoj.dataplane.api.ActiveProfileRemove;
import io.calicoj.dataplane.api.DataplaneContractException;
import io.calicoj.dataplane.api.DataplaneProblem;
import io.calicoj.dataplane.api.HostEndpointUpdate;
import io.calicoj.dataplane.api.InSync;
import io.calicoj.dataplane.api.IpSetDeltaUpdate;
import io.calicoj.dataplane.api.IpSetMember;
import io.calicoj.dataplane.api.IpSetRemove;
import io.calicoj.dataplane.api.TierInfo;
import io.calicoj.dataplane.api.WorkloadEndpointRemove;
import io.calicoj.dataplane.iptables.IptablesBackend;
import io.calicoj.dataplane.testing.ManualClock;
import io.calicoj.dataplane.rules.FailClosedChains;
import io.calicoj.dataplane.testing.ParsedRuleBuilder;
import io.calicoj.dataplane.testing.RecordingProblems;
import io.calicoj.dataplane.testing.RecordingSleeper;
import io.calicoj.dataplane.testing.SimulatedKernel;
import io.calicoj.exec.Command;
import io.calicoj.model.IpAddress;
import io.calicoj.model.Port;
import io.calicoj.model.Protocol;
import io.calicoj.model.ResourceKey;
import io.calicoj.model.ResourceKind;
import io.calicoj.model.felix.PolicyId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LinuxDataplaneDriverTest {

    private static final PolicyId ALLOW_FRONTEND = PolicyId.namespaced("default", "ns1", "knp.default.allow-frontend");
    private static final String FRONTEND = "s:frontendfrontendfrontendfrontendfronte";
    private static final String FRONTEND_SET = "cali40s:frontendfrontendfronten";
    private static final String DB_IF = "cali0000000db01";
    private static final String WEB_IF = "cali00000web001";

    private final SimulatedKernel kernel = new SimulatedKernel();
    private final ManualClock clock = new ManualClock();
    private final LinuxDataplaneDriver driver = new LinuxDataplaneDriver(DataplaneConfig.defaults(), kernel, clock,
            new RecordingSleeper());

    private void send(io.calicoj.dataplane.api.DataplaneUpdate... updates) {
        for (io.calicoj.dataplane.api.DataplaneUpdate u : updates) {
            driver.onUpdate(u);
        }
    }

    /** db (10.65.0.2) isolated by a policy that allows TCP 6379 from the frontend set; web (10.65.0.3) unrestricted. */
    private void sendTwoPods() {
        send(ipSet(FRONTEND, "10.65.0.3"),
                policy(ALLOW_FRONTEND, List.of(ParsedRuleBuilder.allow().protocol(Protocol.TCP).srcIpSets(FRONTEND)
                        .dstPorts(Port.single(6379)).build()), List.of()),
                allowAllProfile("ns1"),
                workload("ns1", "db", DB_IF, "10.65.0.2", List.of(ALLOW_FRONTEND), List.of()),
                workload("ns1", "web", WEB_IF, "10.65.0.3", List.of(), List.of()));
    }

    /** A chain's rules as saved, without our hash comments. */
    private List<String> rules(String chain) {
        return kernel.nft().rules("filter", chain).stream().map(r -> r.replaceFirst("-m comment --comment \"cali:[^\"]+\" ?", ""))
                .toList();
    }

    @Test
    void nothingIsRunBeforeInSync() {
        sendTwoPods();
        driver.apply();
        assertThat(kernel.commands()).isEmpty();
        assertThat(driver.inSync()).isFalse();
    }

    @Test
    void afterInSyncEverythingIsProgrammedInOneIptablesTransaction() {
        kernel.links().addLink(DB_IF);
        kernel.links().addLink(WEB_IF);
        sendTwoPods();
        send(new InSync());
        driver.apply();

        assertThat(kernel.nft().restoreCount()).isEqualTo(1);
        assertThat(kernel.nft().chainNames("filter")).contains("cali-FORWARD", "cali-INPUT", "cali-OUTPUT", "cali-wl-to-host",
                "cali-from-wl-dispatch", "cali-to-wl-dispatch", "cali-tw-" + DB_IF, "cali-fw-" + DB_IF, "cali-tw-" + WEB_IF,
                "cali-pri-kns.ns1", "cali-pro-kns.ns1", "cali-from-host-endpoint", "cali-to-host-endpoint",
                "cali-from-hep-forward", "cali-to-hep-forward");
        assertThat(rules("FORWARD").get(0)).endsWith("-j cali-FORWARD");
        assertThat(rules("INPUT").get(0)).endsWith("-j cali-INPUT");
        assertThat(rules("cali-to-wl-dispatch")).anyMatch(r -> r.contains("-o " + DB_IF + " ") && r.endsWith("-g cali-tw-" + DB_IF))
                .last().asString().endsWith("-j DROP");
        assertThat(kernel.ipset().members(FRONTEND_SET)).containsExactly("10.65.0.3");
        assertThat(kernel.nft().chainNames("filter")).anyMatch(c -> c.startsWith("cali-pi-_"))
                .noneMatch(c -> c.startsWith("cali-po-")); // the egress chain has no user: not programmed
        assertThat(kernel.links().routes()).containsExactlyInAnyOrder("10.65.0.2/32 dev " + DB_IF, "10.65.0.3/32 dev " + WEB_IF);
        assertThat(kernel.links().sysctl("net.ipv4.conf." + DB_IF + ".proxy_arp")).isEqualTo("1");
        assertThat(kernel.links().sysctl("net.ipv4.neigh." + DB_IF + ".proxy_delay")).isEqualTo("0");
        assertThat(kernel.links().sysctl("net.ipv4.conf." + DB_IF + ".forwarding")).isEqualTo("1");
        assertThat(kernel.links().sysctl("net.ipv4.conf." + DB_IF + ".rp_filter")).isEqualTo("1");
        assertThat(kernel.links().sysctl("net.ipv4.conf." + DB_IF + ".route_localnet")).as("left off").isNull();
        assertThat(driver.filterTable().backend()).isEqualTo(IptablesBackend.NFT);
    }

    @Test
    void withNoEndpointsEveryWorkloadInterfaceIsDropped() {
        send(new InSync());
        driver.apply();
        assertThat(rules("cali-from-wl-dispatch")).containsExactly("-m comment --comment \"Unknown interface\" -j DROP");
        assertThat(rules("cali-to-wl-dispatch")).hasSize(1);
    }

    @Test
    void setsAreCreatedBeforeTheRulesThatUseThemAndDestroyedAfterTheRulesAreGone() {
        sendTwoPods();
        send(new InSync());
        driver.apply();
        assertThat(kernel.commands().indexOf(kernel.commands("ipset").get(1)))
                .isLessThan(kernel.commands().indexOf(kernel.commands("iptables-nft-restore").get(0)));
        kernel.clearCommands();

        send(workload("ns1", "db", DB_IF, "10.65.0.2", List.of(), List.of()), new ActivePolicyRemove(ALLOW_FRONTEND),
                new IpSetRemove(FRONTEND));
        driver.apply();
        List<Command> cmds = kernel.commands();
        int restore = cmds.indexOf(kernel.commands("iptables-nft-restore").get(0));
        Command destroy = kernel.commands("ipset").stream().filter(c -> c.argv().contains("destroy")).findFirst().orElseThrow();
        assertThat(cmds.indexOf(destroy)).isGreaterThan(restore);
        assertThat(kernel.ipset().exists(FRONTEND_SET)).isFalse();
        assertThat(kernel.nft().chainNames("filter")).noneMatch(c -> c.startsWith("cali-pi-"));
    }

    @Test
    void aRemovedEndpointLosesItsChainsRouteAndDispatchEntry() {
        kernel.links().addLink(DB_IF);
        kernel.links().addLink(WEB_IF);
        sendTwoPods();
        send(new InSync());
        driver.apply();
        send(new WorkloadEndpointRemove(wepKey("ns1", "web")));
        driver.apply();
        assertThat(kernel.nft().chainNames("filter")).doesNotContain("cali-tw-" + WEB_IF, "cali-fw-" + WEB_IF);
        assertThat(rules("cali-from-wl-dispatch")).noneMatch(r -> r.contains(WEB_IF));
        assertThat(kernel.links().routes()).containsExactly("10.65.0.2/32 dev " + DB_IF);
    }

    @Test
    void removedPoliciesAndProfilesLoseTheirChains() {
        sendTwoPods();
        send(new InSync());
        driver.apply();
        assertThat(kernel.nft().chainNames("filter")).contains("cali-pri-kns.ns1", "cali-pro-kns.ns1")
                .anyMatch(c -> c.startsWith("cali-pi-"));
        send(new WorkloadEndpointRemove(wepKey("ns1", "db")), new WorkloadEndpointRemove(wepKey("ns1", "web")),
                new ActiveProfileRemove("kns.ns1"), new ActivePolicyRemove(ALLOW_FRONTEND), new IpSetRemove(FRONTEND));
        driver.apply();
        assertThat(kernel.nft().chainNames("filter")).noneMatch(c -> c.startsWith("cali-pi-") || c.startsWith("cali-po-")
                || c.startsWith("cali-pri-") || c.startsWith("cali-pro-"));
    }

    @Test
    void ipSetDeltasChangeOnlyTheMembers() {
        sendTwoPods();
        send(new InSync());
        driver.apply();
        send(new IpSetDeltaUpdate(FRONTEND, Set.of(new IpSetMember.Address(IpAddress.parse("10.65.0.9"))),
                Set.of(new IpSetMember.Address(IpAddress.parse("10.65.0.3")))));
        int restores = kernel.nft().restoreCount();
        driver.apply();
        assertThat(kernel.ipset().members(FRONTEND_SET)).containsExactly("10.65.0.9");
        assertThat(kernel.nft().restoreCount()).isEqualTo(restores);
    }

    @Test
    void anInterfaceThatAppearsLaterIsConfiguredOnTheNextPoll() {
        sendTwoPods();
        send(new InSync());
        assertThat(driver.apply()).isEqualTo(Duration.ofSeconds(1));
        assertThat(kernel.links().routes()).isEmpty();
        kernel.links().addLink(DB_IF);
        clock.advance(Duration.ofSeconds(1));
        driver.apply();
        assertThat(kernel.links().routes()).containsExactly("10.65.0.2/32 dev " + DB_IF);
        assertThat(kernel.links().sysctl("net.ipv4.conf." + DB_IF + ".proxy_arp")).isEqualTo("1");
    }

    @Test
    void aRecreatedInterfaceGetsItsSysctlsAndRouteAgain() {
        kernel.links().addLink(DB_IF);
        sendTwoPods();
        send(new InSync());
        driver.apply();
        kernel.links().removeLink(DB_IF);
        kernel.links().addLink(DB_IF);
        send(workload("ns1", "db", DB_IF, "10.65.0.2", List.of(), List.of()));
        driver.apply();
        assertThat(kernel.links().sysctl("net.ipv4.conf." + DB_IF + ".proxy_arp")).isEqualTo("1");
        assertThat(kernel.links().routes()).contains("10.65.0.2/32 dev " + DB_IF);
    }

    @Test
    void aConfiguredBackendIsUsed() {
        LinuxDataplaneDriver legacy = new LinuxDataplaneDriver(DataplaneConfig.fromEnvironment(Map.of("FELIX_IPTABLESBACKEND", "legacy")),
                kernel, clock, new RecordingSleeper());
        legacy.onUpdate(new InSync());
        legacy.apply();
        assertThat(kernel.legacy().chainNames("filter")).contains("cali-FORWARD");
        assertThat(kernel.nft().hasTables()).isFalse();
    }

    @Test
    void messagesThatBreakTheOrderingContractAreRefused() {
        assertThatThrownBy(() -> send(new IpSetDeltaUpdate("s:never", Set.of(), Set.of())))
                .isInstanceOf(DataplaneContractException.class).hasMessageContaining("s:never");
        assertThatThrownBy(() -> send(policy(ALLOW_FRONTEND, List.of(ParsedRuleBuilder.allow().srcIpSets("s:never").build()), List.of())))
                .isInstanceOf(DataplaneContractException.class).hasMessageContaining("uses IP set s:never");
        assertThatThrownBy(() -> send(workload("ns1", "db", DB_IF, "10.65.0.2", List.of(ALLOW_FRONTEND), List.of())))
                .isInstanceOf(DataplaneContractException.class).hasMessageContaining("lists policy");
        sendTwoPods();
        assertThatThrownBy(() -> send(new ActivePolicyRemove(ALLOW_FRONTEND))).isInstanceOf(DataplaneContractException.class);
        assertThatThrownBy(() -> send(new ActiveProfileRemove("kns.ns1"))).isInstanceOf(DataplaneContractException.class);
        assertThatThrownBy(() -> send(new IpSetRemove(FRONTEND))).isInstanceOf(DataplaneContractException.class);
    }

    @Test
    void hostEndpointsGetChainsAndDispatchEntriesAndWildcardsAreIgnored() {
        PolicyId hostPolicy = PolicyId.global("default", "host-ssh");
        send(policy(hostPolicy, List.of(ParsedRuleBuilder.allow().build()), List.of()),
                new HostEndpointUpdate(ResourceKey.of(ResourceKind.HOST_ENDPOINT, "node1-eth0"), "eth0", List.of(), List.of(),
                        List.of(new TierInfo("default", List.of(hostPolicy), List.of())), List.of(), List.of(), List.of()),
                new HostEndpointUpdate(ResourceKey.of(ResourceKind.HOST_ENDPOINT, "node1-all"), "*", List.of(), List.of(),
                        List.of(), List.of(), List.of(), List.of()),
                new InSync());
        driver.apply();
        assertThat(kernel.nft().chainNames("filter")).contains("cali-th-eth0", "cali-fh-eth0", "cali-failsafe-in", "cali-failsafe-out");
        assertThat(rules("cali-from-host-endpoint")).containsExactly("-i eth0 -g cali-fh-eth0");
    }

    @Test
    void aClobberIsRepairedAtThePostWriteCheckTheDriverAsksFor() {
        kernel.links().addLink(DB_IF);
        kernel.links().addLink(WEB_IF);
        sendTwoPods();
        send(new InSync());
        Duration next = driver.apply();
        assertThat(next).isEqualTo(Duration.ofSeconds(1));
        List<String> forward = rules("cali-FORWARD");
        kernel.nft().flushChain("filter", "cali-FORWARD");
        kernel.nft().insertRule("filter", "FORWARD", 1, "-s 10.99.0.1/32 -j ACCEPT");
        clock.advance(next);
        driver.apply();
        assertThat(rules("cali-FORWARD")).isEqualTo(forward);
        assertThat(rules("FORWARD").get(0)).endsWith("-j cali-FORWARD");
        assertThat(rules("FORWARD").get(1)).contains("10.99.0.1");
    }

    @Test
    void aPolicyChangeRewritesOnlyItsChain() {
        sendTwoPods();
        send(new InSync());
        driver.apply();
        List<String> dispatch = rules("cali-from-wl-dispatch");
        send(policy(ALLOW_FRONTEND, List.of(ParsedRuleBuilder.allow().protocol(Protocol.TCP).srcIpSets(FRONTEND)
                .dstPorts(Port.single(6380)).build()), List.of()));
        driver.apply();
        assertThat(kernel.nft().chainNames("filter").stream().filter(c -> c.startsWith("cali-pi-")).map(this::rules))
                .singleElement().asString().contains("--dports 6380");
        assertThat(rules("cali-from-wl-dispatch")).isEqualTo(dispatch);
    }

    // Failing closed.

    /** The driver with problems and endpoint status recorded. */
    private final RecordingProblems problems = new RecordingProblems();
    private final List<List<String>> statuses = new ArrayList<>();
    private final LinuxDataplaneDriver recorded = new LinuxDataplaneDriver(DataplaneConfig.defaults(), kernel, clock,
            new RecordingSleeper(), problems, programmed -> statuses.add(programmed.stream().map(w -> w.key().name()).sorted().toList()));

    private void sendRecorded(io.calicoj.dataplane.api.DataplaneUpdate... updates) {
        for (io.calicoj.dataplane.api.DataplaneUpdate u : updates) {
            recorded.onUpdate(u);
        }
    }

    /** The rules of the one programmed chain whose name starts with the prefix. */
    private List<String> rulesOfChainStartingWith(String prefix) {
        return rules(kernel.nft().chainNames("filter").stream().filter(c -> c.startsWith(prefix)).findFirst().orElseThrow());
    }

    private static final List<String> DROPS_EVERYTHING = List.of("-m comment --comment \"" + FailClosedChains.COMMENT + "\" -j DROP");

    @Test
    void aPodIpTheKernelRefusesHoldsBackNeitherThePolicyNorTheOtherPods() {
        // The ghost pod: 0.0.0.0 joined the clients set; the restore used to fail, all of it, forever.
        sendRecorded(ipSet(FRONTEND, "10.65.0.3", "0.0.0.0"),
                policy(ALLOW_FRONTEND, List.of(ParsedRuleBuilder.allow().protocol(Protocol.TCP).srcIpSets(FRONTEND)
                        .dstPorts(Port.single(6379)).build()), List.of()),
                allowAllProfile("ns1"),
                workload("ns1", "db", DB_IF, "10.65.0.2", List.of(ALLOW_FRONTEND), List.of()),
                new InSync());
        recorded.apply();
        assertThat(kernel.ipset().members(FRONTEND_SET)).containsExactly("10.65.0.3");
        assertThat(rulesOfChainStartingWith("cali-pi-")).anyMatch(r -> r.contains("--match-set " + FRONTEND_SET + " src"));
        assertThat(problems.reported(DataplaneProblem.IpSetMemberRefused.class)).singleElement()
                .satisfies(p -> assertThat(p.member()).isEqualTo("0.0.0.0"));

        sendRecorded(workload("ns1", "web", WEB_IF, "10.65.0.3", List.of(), List.of()));
        recorded.apply();
        assertThat(rules("cali-to-wl-dispatch")).anyMatch(r -> r.contains(WEB_IF));
        assertThat(statuses.get(statuses.size() - 1)).containsExactly("node1-k8s-db-eth0", "node1-k8s-web-eth0");
    }

    @Test
    void anAllowExceptFromASetMissingAMemberIsLeftOutSoThatMemberIsNotAllowed() {
        sendRecorded(ipSet("s:blocked", "10.65.0.9", "0.0.0.0"),
                policy(ALLOW_FRONTEND, List.of(ParsedRuleBuilder.allow().notSrcIpSets("s:blocked").build()), List.of()),
                allowAllProfile("ns1"), workload("ns1", "db", DB_IF, "10.65.0.2", List.of(ALLOW_FRONTEND), List.of()),
                new InSync());
        recorded.apply();
        assertThat(rulesOfChainStartingWith("cali-pi-")).noneMatch(r -> r.contains("MARK"));

        sendRecorded(new IpSetDeltaUpdate("s:blocked", Set.of(), Set.of(new IpSetMember.Address(IpAddress.parse("0.0.0.0")))));
        recorded.apply();
        assertThat(rulesOfChainStartingWith("cali-pi-")).as("complete again: the rule is back")
                .anyMatch(r -> r.contains("! --match-set cali40s:blocked src") && r.contains("MARK"));
    }

    @Test
    void aSetTheKernelRefusesIsNotReferredToAndOnlyThePoliciesUsingItFailClosed() {
        kernel.ipset().refuseMembers(m -> m.equals("10.65.0.7"));
        PolicyId other = PolicyId.namespaced("default", "ns1", "knp.default.other");
        sendRecorded(ipSet("s:bad", "10.65.0.7"), ipSet(FRONTEND, "10.65.0.3"),
                policy(ALLOW_FRONTEND, List.of(ParsedRuleBuilder.allow().srcIpSets("s:bad").build()), List.of()),
                policy(other, List.of(), List.of(ParsedRuleBuilder.allow().dstIpSets(FRONTEND).build())),
                allowAllProfile("ns1"), workload("ns1", "db", DB_IF, "10.65.0.2", List.of(ALLOW_FRONTEND), List.of(other)),
                new InSync());
        recorded.apply();
        assertThat(kernel.nft().chainNames("filter").stream().flatMap(c -> rules(c).stream()))
                .as("no rule refers to the set").noneMatch(r -> r.contains("cali40s:bad"));
        assertThat(rulesOfChainStartingWith("cali-pi-")).noneMatch(r -> r.contains("cali40s:bad") || r.contains("MARK"));
        assertThat(rulesOfChainStartingWith("cali-po-")).anyMatch(r -> r.contains("--match-set " + FRONTEND_SET + " dst"));
        assertThat(problems.reported(DataplaneProblem.IpSetNotProgrammed.class)).singleElement()
                .satisfies(p -> assertThat(p.setId()).isEqualTo("s:bad"));

        kernel.ipset().refuseMembers(m -> false);
        clock.advance(Duration.ofSeconds(1));
        recorded.apply();
        assertThat(rulesOfChainStartingWith("cali-pi-")).as("programmed: the rule is back")
                .anyMatch(r -> r.contains("--match-set cali40s:bad src"));
    }

    @Test
    void aPolicyChainTheKernelRefusesDropsEverythingAndTheRestIsProgrammed() {
        kernel.nft().refuseRules(r -> r.contains("--dports 6379"));
        kernel.links().addLink(DB_IF);
        kernel.links().addLink(WEB_IF);
        sendTwoPods();
        send(new InSync());
        driver.apply();
        assertThat(rulesOfChainStartingWith("cali-pi-")).isEqualTo(DROPS_EVERYTHING);
        assertThat(rules("cali-to-wl-dispatch")).anyMatch(r -> r.contains(DB_IF)).anyMatch(r -> r.contains(WEB_IF));
        assertThat(rules("cali-tw-" + WEB_IF)).hasSizeGreaterThan(3);
    }

    @Test
    void anEndpointWhoseChainTheKernelRefusesHasItsTrafficDroppedAndTheOthersNot() {
        kernel.nft().refuseRules(r -> r.contains("-j cali-pi-"));
        sendTwoPods();
        send(new InSync());
        driver.apply();
        assertThat(rules("cali-tw-" + DB_IF)).isEqualTo(DROPS_EVERYTHING);
        assertThat(rules("cali-to-wl-dispatch")).anyMatch(r -> r.endsWith("-g cali-tw-" + DB_IF));
        assertThat(rules("cali-tw-" + WEB_IF)).anyMatch(r -> r.contains("cali-pri-kns.ns1"));
    }

    @Test
    void anEndpointUpdateThatBreaksTheContractLeavesTheEndpointDroppedUntilAValidOne() {
        sendRecorded(allowAllProfile("ns1"), workload("ns1", "db", DB_IF, "10.65.0.2", List.of(), List.of()),
                workload("ns1", "web", WEB_IF, "10.65.0.3", List.of(), List.of()), new InSync());
        recorded.apply();
        assertThatThrownBy(() -> recorded.onUpdate(workload("ns1", "db", DB_IF, "10.65.0.2", List.of(ALLOW_FRONTEND), List.of())))
                .isInstanceOf(DataplaneContractException.class);
        recorded.apply();
        assertThat(rules("cali-tw-" + DB_IF)).isEqualTo(DROPS_EVERYTHING);
        assertThat(rules("cali-fw-" + DB_IF)).isEqualTo(DROPS_EVERYTHING);
        assertThat(rules("cali-tw-" + WEB_IF)).isNotEqualTo(DROPS_EVERYTHING);

        sendRecorded(workload("ns1", "db", DB_IF, "10.65.0.2", List.of(), List.of()));
        recorded.apply();
        assertThat(rules("cali-tw-" + DB_IF)).isNotEqualTo(DROPS_EVERYTHING);
    }

    @Test
    void aPolicyUpdateThatBreaksTheContractLeavesThePolicyDroppingEverything() {
        sendRecorded(policy(ALLOW_FRONTEND, List.of(ParsedRuleBuilder.allow().build()), List.of()), allowAllProfile("ns1"),
                workload("ns1", "db", DB_IF, "10.65.0.2", List.of(ALLOW_FRONTEND), List.of()), new InSync());
        recorded.apply();
        assertThatThrownBy(() -> recorded.onUpdate(policy(ALLOW_FRONTEND, List.of(ParsedRuleBuilder.allow().srcIpSets("s:never")
                .build()), List.of()))).isInstanceOf(DataplaneContractException.class);
        recorded.apply();
        assertThat(rulesOfChainStartingWith("cali-pi-")).isEqualTo(DROPS_EVERYTHING);
    }

    @Test
    void theStatusListenerHearsOfEndpointsOnlyOnceTheirChainsAreIn() {
        sendRecorded(allowAllProfile("ns1"), workload("ns1", "db", DB_IF, "10.65.0.2", List.of(), List.of()));
        recorded.apply();
        assertThat(statuses).as("nothing before InSync").isEmpty();
        sendRecorded(new InSync());
        kernel.nft().failNextRestores(100);
        assertThatThrownBy(recorded::apply).isInstanceOf(io.calicoj.dataplane.api.DataplaneProgrammingException.class);
        assertThat(statuses).as("nothing while the chains are not in").isEmpty();
        kernel.nft().failNextRestores(0);
        recorded.apply();
        assertThat(statuses).containsExactly(List.of("node1-k8s-db-eth0"));
        sendRecorded(new WorkloadEndpointRemove(wepKey("ns1", "db")));
        recorded.apply();
        assertThat(statuses.get(statuses.size() - 1)).isEmpty();
    }
}
