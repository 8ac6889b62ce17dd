package io.calicoj.dataplane.linux;

import static io.calicoj.dataplane.testing.Messages.allowAllProfile;
import static io.calicoj.dataplane.testing.Messages.ipSet;
import static io.calicoj.dataplane.testing.Messages.policy;
import static io.calicoj.dataplane.testing.Messages.wepKey;
import static io.calicoj.dataplane.testing.Messages.workload;
import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.dataplane.Sleeper;
import io.calicoj.dataplane.api.ActivePolicyRemove;
import io.calicoj.dataplane.api.DataplaneUpdate;
import io.calicoj.dataplane.api.InSync;
import io.calicoj.dataplane.api.IpSetDeltaUpdate;
import io.calicoj.dataplane.api.IpSetMember;
import io.calicoj.dataplane.api.IpSetRemove;
import io.calicoj.dataplane.api.WorkloadEndpointRemove;
import io.calicoj.dataplane.rules.FailClosedChains;
import io.calicoj.dataplane.testing.NetworkNamespace;
import io.calicoj.dataplane.testing.ParsedRuleBuilder;
import io.calicoj.exec.Command;
import io.calicoj.exec.CommandFailedException;
import io.calicoj.exec.CommandResult;
import io.calicoj.exec.CommandRunner;
import io.calicoj.model.IpAddress;
import io.calicoj.model.Port;
import io.calicoj.model.Protocol;
import io.calicoj.model.felix.PolicyId;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The driver programming a real "node" network namespace with pods in their own namespaces, wired
 * the Calico way: pod side {@code eth0} with a /32 and a default route via 169.254.1.1 (scope-link
 * route to it), host side {@code cali…} with proxy ARP and a /32 route; the node has a default
 * route through an uplink interface so proxy ARP answers for 169.254.1.1. Connectivity is checked
 * with {@code nc -z} against {@code socat} listeners. Needs root.
 */
class ConnectivityIT {

    private static final int PORT = 6379;
    private static final PolicyId ALLOW_A = PolicyId.namespaced("default", "ns1", "knp.default.allow-a");
    private static final String CLIENTS = "s:clientsclientsclientsclientsclientscli";

    private NetworkNamespace node;
    private final List<NetworkNamespace> pods = new ArrayList<>();
    private final List<Process> servers = new ArrayList<>();
    private LinuxDataplaneDriver driver;

    /** A pod: its namespace, host-side interface and address. */
    private record Pod(String name, NetworkNamespace ns, String iface, String ip) {
    }

    private void createNode() {
        node = NetworkNamespace.create(NetworkNamespace.uniqueName("cjn"));
        // This kernel has no dummy interfaces: a veth pair inside the node plays the uplink.
        node.run("ip", "link", "add", "uplink0", "type", "veth", "peer", "name", "uplink1");
        node.run("ip", "addr", "add", "192.0.2.1/24", "dev", "uplink0");
        node.run("ip", "link", "set", "uplink0", "up");
        node.run("ip", "link", "set", "uplink1", "up");
        node.run("ip", "route", "add", "default", "via", "192.0.2.254", "dev", "uplink0");
    }

    /**
     * A pod with a veth; {@code cniConfiguresHost}: the host side gets proxy ARP, forwarding and the
     * /32 route as the CNI plugin would set them (otherwise only the dataplane will).
     */
    private Pod createPod(String name, String ip, boolean cniConfiguresHost, boolean listen) throws IOException {
        NetworkNamespace ns = NetworkNamespace.create(NetworkNamespace.uniqueName("cjp"));
        pods.add(ns);
        String iface = NetworkNamespace.uniqueName("cali").substring(0, 10) + name.charAt(0);
        node.run("ip", "link", "add", iface, "type", "veth", "peer", "name", "eth0", "netns", ns.name());
        node.run("ip", "link", "set", iface, "up");
        if (cniConfiguresHost) {
            node.run("sysctl", "-q", "-w", "net.ipv4.conf." + iface + ".proxy_arp=1", "net.ipv4.conf." + iface + ".forwarding=1",
                    "net.ipv4.neigh." + iface + ".proxy_delay=0");
            node.run("ip", "route", "add", ip + "/32", "dev", iface, "scope", "link");
        }
        ns.run("ip", "addr", "add", ip + "/32", "dev", "eth0");
        ns.run("ip", "link", "set", "eth0", "up");
        ns.run("ip", "route", "add", "169.254.1.1", "dev", "eth0", "scope", "link");
        ns.run("ip", "route", "add", "default", "via", "169.254.1.1", "dev", "eth0");
        if (listen) {
            Process p = new ProcessBuilder("ip", "netns", "exec", ns.name(), "socat", "TCP-LISTEN:" + PORT + ",fork,reuseaddr",
                    "EXEC:/bin/true").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            servers.add(p);
            waitForListener(ns);
        }
        return new Pod(name, ns, iface, ip);
    }

    private static void waitForListener(NetworkNamespace ns) {
        for (int i = 0; i < 100; i++) {
            if (ns.run("ss", "-Hltn").stdout().contains(":" + PORT)) {
                return;
            }
            Sleeper.SYSTEM.sleep(java.time.Duration.ofMillis(20));
        }
        throw new IllegalStateException("socat did not start listening in " + ns.name());
    }

    /** Whether a TCP connection from one pod to another's port succeeds within a second. */
    private static boolean connects(Pod from, Pod to) {
        return connects(from, to.ip());
    }

    private static boolean connects(Pod from, String address) {
        try {
            CommandResult r = from.ns().runner().run(Command.of("nc", "-z", "-w", "1", address, Integer.toString(PORT)));
            return r.succeeded();
        } catch (CommandFailedException e) {
            throw new IllegalStateException(e);
        }
    }

    private void startDriver(String backend) {
        startDriver(Map.of("IptablesBackend", backend), UnaryOperator.identity());
    }

    /** The driver with these Felix parameters, its restore inputs passed through {@code restores} on their way to the node. */
    private void startDriver(Map<String, String> parameters, UnaryOperator<String> restores) {
        DataplaneConfig config = DataplaneConfig.fromParameters(parameters);
        CommandRunner runner = c -> node.runner().run(c.program().endsWith("-restore") ? c.withStdin(restores.apply(c.stdin())) : c);
        driver = new LinuxDataplaneDriver(config, runner, Clock.systemUTC(), Sleeper.SYSTEM);
    }

    /** A TCP listener on the node, bound to one address. */
    private void listenOnNode(String address) throws IOException {
        Process p = new ProcessBuilder("ip", "netns", "exec", node.name(), "socat", "TCP-LISTEN:" + PORT + ",bind=" + address
                + ",fork,reuseaddr", "EXEC:/bin/true").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        servers.add(p);
        for (int i = 0; i < 100 && !node.run("ss", "-Hltn").stdout().contains(address + ":" + PORT); i++) {
            Sleeper.SYSTEM.sleep(java.time.Duration.ofMillis(20));
        }
    }

    /**
     * The pod sends what it addresses to 127.0.0.1 out of its eth0 to the node, and takes answers from
     * 127.0.0.1 (what a pod with NET_ADMIN, or an adjacent host, can do: CVE-2020-8558).
     */
    private static void routeLoopbackToTheNode(Pod pod) {
        pod.ns().run("ip", "addr", "flush", "dev", "lo");
        pod.ns().run("ip", "route", "add", "127.0.0.1/32", "via", "169.254.1.1", "dev", "eth0");
        pod.ns().run("sysctl", "-q", "-w", "net.ipv4.conf.eth0.route_localnet=1", "net.ipv4.conf.all.route_localnet=1");
    }

    /**
     * Rewrites the target of the rules of a restore input that contain {@code marker} (but for the
     * fail-closed stand-ins, a plain drop) to one the filter table refuses.
     */
    private static UnaryOperator<String> refuseRulesContaining(String marker) {
        return input -> java.util.Arrays.stream(input.split("\n", -1))
                .map(line -> line.contains(marker) && !line.contains(FailClosedChains.COMMENT)
                        ? line.replaceFirst(" --jump .*$", " --jump MASQUERADE") : line)
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    private void send(DataplaneUpdate... updates) {
        for (DataplaneUpdate u : updates) {
            driver.onUpdate(u);
        }
        driver.apply();
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        for (Process p : servers) {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        for (NetworkNamespace ns : pods) {
            ns.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nft", "legacy"})
    void aPodWhoseInterfaceTheDataplaneDoesNotKnowIsIsolatedUntilItsEndpointArrives(String backend) throws IOException {
        createNode();
        Pod a = createPod("a", "10.65.0.2", true, true);
        Pod b = createPod("b", "10.65.0.3", true, true);
        Pod c = createPod("c", "10.65.0.4", true, true);
        assertThat(connects(a, c)).as("plumbing works without any rules").isTrue();

        startDriver(backend);
        send(allowAllProfile("ns1"), workload("ns1", "a", a.iface(), a.ip(), List.of(), List.of()),
                workload("ns1", "b", b.iface(), b.ip(), List.of(), List.of()));
        assertThat(connects(a, c)).as("nothing is programmed before InSync").isTrue();
        send(new InSync());

        assertThat(connects(a, b)).as("known pods, allow-all profile").isTrue();
        assertThat(connects(a, c)).as("to an unknown cali interface").isFalse();
        assertThat(connects(c, b)).as("from an unknown cali interface").isFalse();

        send(workload("ns1", "c", c.iface(), c.ip(), List.of(), List.of()));
        assertThat(connects(a, c)).isTrue();
        assertThat(connects(c, b)).isTrue();

        send(new WorkloadEndpointRemove(wepKey("ns1", "c")));
        assertThat(connects(a, c)).as("isolated again once its endpoint is gone").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"nft", "legacy"})
    void aPolicyAllowsOnePodAndNotAnotherAndItsRemovalRestoresAccess(String backend) throws IOException {
        createNode();
        Pod a = createPod("a", "10.65.0.2", true, false);
        Pod b = createPod("b", "10.65.0.3", true, true);
        Pod c = createPod("c", "10.65.0.4", false, false); // only the dataplane configures its host side
        startDriver(backend);
        send(ipSet(CLIENTS, a.ip()),
                policy(ALLOW_A, List.of(ParsedRuleBuilder.allow().protocol(Protocol.TCP).srcIpSets(CLIENTS)
                        .dstPorts(Port.single(PORT)).build()), List.of()),
                allowAllProfile("ns1"),
                workload("ns1", "a", a.iface(), a.ip(), List.of(), List.of()),
                workload("ns1", "b", b.iface(), b.ip(), List.of(ALLOW_A), List.of()),
                workload("ns1", "c", c.iface(), c.ip(), List.of(), List.of()),
                new InSync());

        assertThat(connects(a, b)).as("a is in the policy's set").isTrue();
        assertThat(connects(c, b)).as("c is not").isFalse();

        send(new IpSetDeltaUpdate(CLIENTS, Set.of(new IpSetMember.Address(IpAddress.parse(c.ip()))), Set.of()));
        assertThat(connects(c, b)).as("c joined the set").isTrue();

        send(new IpSetDeltaUpdate(CLIENTS, Set.of(), Set.of(new IpSetMember.Address(IpAddress.parse(c.ip())))));
        assertThat(connects(c, b)).as("c left the set").isFalse();

        send(workload("ns1", "b", b.iface(), b.ip(), List.of(), List.of()), new ActivePolicyRemove(ALLOW_A), new IpSetRemove(CLIENTS));
        assertThat(connects(c, b)).as("no policy selects b any more: the profile allows").isTrue();
        assertThat(connects(a, b)).isTrue();
        assertThat(node.run("ipset", "list", "-n").stdout()).doesNotContain("cali40s:clients");
    }

    // Failing closed, with real packets.

    @ParameterizedTest
    @ValueSource(strings = {"nft", "legacy"})
    void aPodCannotReachAServiceBoundToTheNodesLoopback(String backend) throws IOException {
        createNode();
        Pod a = createPod("a", "10.65.0.2", true, false);
        listenOnNode("127.0.0.1");
        listenOnNode("192.0.2.1");
        routeLoopbackToTheNode(a);
        startDriver(Map.of("IptablesBackend", backend, "DefaultEndpointToHostAction", "ACCEPT"), UnaryOperator.identity());
        send(allowAllProfile("ns1"), workload("ns1", "a", a.iface(), a.ip(), List.of(), List.of()), new InSync());

        assertThat(connects(a, "192.0.2.1")).as("the node's own address: pods may reach the host").isTrue();
        assertThat(connects(a, "127.0.0.1")).as("the node's loopback").isFalse();
        assertThat(node.run("sysctl", "-n", "net.ipv4.conf." + a.iface() + ".route_localnet").stdout().strip()).isEqualTo("0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nft", "legacy"})
    void theNodesLoopbackStaysUnreachableWhenSomethingElseTurnsRouteLocalnetOn(String backend) throws IOException {
        createNode();
        Pod a = createPod("a", "10.65.0.2", true, false);
        listenOnNode("127.0.0.1");
        routeLoopbackToTheNode(a);
        node.run("sysctl", "-q", "-w", "net.ipv4.conf.all.route_localnet=1"); // as kube-proxy does for node ports on localhost
        startDriver(Map.of("IptablesBackend", backend, "DefaultEndpointToHostAction", "ACCEPT"), UnaryOperator.identity());
        send(allowAllProfile("ns1"), workload("ns1", "a", a.iface(), a.ip(), List.of(), List.of()), new InSync());

        assertThat(connects(a, "127.0.0.1")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"nft", "legacy"})
    void aPodIpTheKernelRefusesHoldsBackNeitherThePolicyNorANewPod(String backend) throws IOException {
        createNode();
        Pod a = createPod("a", "10.65.0.2", true, false);
        Pod b = createPod("b", "10.65.0.3", true, true);
        Pod c = createPod("c", "10.65.0.4", true, true);
        startDriver(backend);
        // The ghost pod: a pod on no node, annotated 0.0.0.0, joined the clients set.
        send(ipSet(CLIENTS, a.ip(), "0.0.0.0"),
                policy(ALLOW_A, List.of(ParsedRuleBuilder.allow().protocol(Protocol.TCP).srcIpSets(CLIENTS)
                        .dstPorts(Port.single(PORT)).build()), List.of()),
                allowAllProfile("ns1"),
                workload("ns1", "a", a.iface(), a.ip(), List.of(), List.of()),
                workload("ns1", "b", b.iface(), b.ip(), List.of(ALLOW_A), List.of()),
                new InSync());
        assertThat(connects(a, b)).as("a client").isTrue();
        assertThat(connects(c, b)).as("not a client, and no endpoint yet").isFalse();

        send(workload("ns1", "c", c.iface(), c.ip(), List.of(), List.of()));
        assertThat(connects(a, c)).as("a pod created after the bad member").isTrue();
        assertThat(connects(c, b)).as("the policy is enforced").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"nft", "legacy"})
    void anAllowExceptFromASetMissingAMemberAllowsNothingUntilTheSetIsComplete(String backend) throws IOException {
        createNode();
        Pod a = createPod("a", "10.65.0.2", true, false);
        Pod b = createPod("b", "10.65.0.3", true, true);
        Pod c = createPod("c", "10.65.0.4", true, false);
        startDriver(backend);
        send(ipSet(CLIENTS, a.ip(), "0.0.0.0"),
                policy(ALLOW_A, List.of(ParsedRuleBuilder.allow().notSrcIpSets(CLIENTS).build()), List.of()),
                allowAllProfile("ns1"),
                workload("ns1", "a", a.iface(), a.ip(), List.of(), List.of()),
                workload("ns1", "b", b.iface(), b.ip(), List.of(ALLOW_A), List.of()),
                workload("ns1", "c", c.iface(), c.ip(), List.of(), List.of()),
                new InSync());
        assertThat(connects(a, b)).as("excepted").isFalse();
        assertThat(connects(c, b)).as("fails closed while the set misses a member").isFalse();

        send(new IpSetDeltaUpdate(CLIENTS, Set.of(), Set.of(new IpSetMember.Address(IpAddress.parse("0.0.0.0")))));
        assertThat(connects(c, b)).isTrue();
        assertThat(connects(a, b)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"nft", "legacy"})
    void aPolicyChainTheKernelRefusesDropsWhatItSelectsAndTheRestFlows(String backend) throws IOException {
        createNode();
        Pod a = createPod("a", "10.65.0.2", true, false);
        Pod b = createPod("b", "10.65.0.3", true, true);
        Pod c = createPod("c", "10.65.0.4", true, true);
        PolicyId refused = PolicyId.namespaced("default", "ns1", "knp.default.refused-by-the-kernel");
        startDriver(Map.of("IptablesBackend", backend), refuseRulesContaining("refused-by-the-kernel"));
        send(policy(refused, List.of(ParsedRuleBuilder.allow().build()), List.of()), allowAllProfile("ns1"),
                workload("ns1", "a", a.iface(), a.ip(), List.of(), List.of()),
                workload("ns1", "b", b.iface(), b.ip(), List.of(refused), List.of()),
                workload("ns1", "c", c.iface(), c.ip(), List.of(), List.of()),
                new InSync());
        assertThat(connects(a, b)).as("its policy chain could not be programmed").isFalse();
        assertThat(connects(a, c)).as("the rest is programmed").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"nft", "legacy"})
    void anEndpointWhoseChainTheKernelRefusesIsDroppedInThatDirection(String backend) throws IOException {
        createNode();
        Pod a = createPod("a", "10.65.0.2", true, true);
        Pod b = createPod("b", "10.65.0.3", true, true);
        Pod c = createPod("c", "10.65.0.4", true, true);
        startDriver(Map.of("IptablesBackend", backend), refuseRulesContaining("-A cali-tw-" + b.iface() + " "));
        send(allowAllProfile("ns1"),
                workload("ns1", "a", a.iface(), a.ip(), List.of(), List.of()),
                workload("ns1", "b", b.iface(), b.ip(), List.of(), List.of()),
                workload("ns1", "c", c.iface(), c.ip(), List.of(), List.of()),
                new InSync());
        assertThat(connects(a, b)).as("to b: its chain could not be programmed").isFalse();
        assertThat(connects(b, c)).as("from b").isTrue();
        assertThat(connects(a, c)).isTrue();
    }
}
