package io.calicoj.cni.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calicoj.exec.CommandResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IprouteNetworkSetupTest {

    private static final String LINK = "2: eth0@if7: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1440 qdisc noqueue state UP"
            + " mode DEFAULT group default qlen 1000\\    link/ether 4a:1b:2c:3d:4e:5f brd ff:ff:ff:ff:ff:ff link-netnsid 0\n";

    @TempDir
    Path procSys;

    private final RecordingCommandRunner runner = new RecordingCommandRunner().answering(c ->
            new CommandResult(c, 0, c.stdin().contains("link show dev eth0") ? LINK : "", ""));

    private IprouteNetworkSetup setup;

    @BeforeEach
    void sysctlTree() throws Exception {
        for (String d : List.of("net/ipv4/conf/calic440f455693", "net/ipv4/neigh/calic440f455693")) {
            Files.createDirectories(procSys.resolve(d));
        }
        setup = new IprouteNetworkSetup(runner, new Sysctls(procSys));
    }

    private static NetworkSetup.Veth veth() {
        return new NetworkSetup.Veth("calic440f455693", "/proc/42/ns/net", "eth0", 1440, List.of("10.244.1.5"),
                List.of("0.0.0.0/0"));
    }

    @Test
    void setUpIsOneBatchOnTheNodeAndOneInTheContainer() throws Exception {
        String mac = setup.setUp(veth());

        assertThat(mac).isEqualTo("4a:1b:2c:3d:4e:5f");
        assertThat(runner.commands).hasSize(3);
        // The stale-interface check found calic440f455693 (its sysctl directory exists) and deleted it first.
        assertThat(runner.commands.get(0).argv()).containsExactly("ip", "link", "del", "calic440f455693");
        assertThat(runner.commands.get(1).argv()).containsExactly("ip", "-o", "-batch", "-");
        assertThat(runner.commands.get(1).stdin()).isEqualTo("""
                link add calic440f455693 mtu 1440 address ee:ee:ee:ee:ee:ee type veth peer name eth0 mtu 1440 netns /proc/42/ns/net
                link set calic440f455693 up
                route add 10.244.1.5/32 dev calic440f455693 scope link
                """);
        assertThat(runner.commands.get(2).argv()).containsExactly("nsenter", "--net=/proc/42/ns/net", "ip", "-o", "-batch", "-");
        assertThat(runner.commands.get(2).stdin()).isEqualTo("""
                link set eth0 up
                route add 169.254.1.1 dev eth0 scope link
                addr add 10.244.1.5/32 dev eth0
                route add 0.0.0.0/0 via 169.254.1.1 dev eth0
                link show dev eth0
                """);
    }

    @Test
    void hostEndGetsProxyArpWithoutDelayAndForwarding() throws Exception {
        setup.setUp(veth());

        assertThat(Files.readString(procSys.resolve("net/ipv4/conf/calic440f455693/proxy_arp"))).isEqualTo("1");
        assertThat(Files.readString(procSys.resolve("net/ipv4/neigh/calic440f455693/proxy_delay"))).isEqualTo("0");
        assertThat(Files.readString(procSys.resolve("net/ipv4/conf/calic440f455693/forwarding"))).isEqualTo("1");
    }

    @Test
    void kernelDefaultMtuLeavesMtuOut() throws Exception {
        setup.setUp(new NetworkSetup.Veth("calic440f455693", "/var/run/netns/p", "eth0", 0, List.of("10.0.0.1"), List.of()));

        assertThat(runner.commands.get(1).stdin()).startsWith(
                "link add calic440f455693 address ee:ee:ee:ee:ee:ee type veth peer name eth0 netns /var/run/netns/p\n");
    }

    @Test
    void aFailingBatchReportsTheToolsError() {
        RecordingCommandRunner failing = new RecordingCommandRunner().answering(c -> c.argv().contains("-batch")
                ? new CommandResult(c, 1, "", "RTNETLINK answers: File exists\nCommand failed -:3\n")
                : new CommandResult(c, 0, "", ""));

        assertThatThrownBy(() -> new IprouteNetworkSetup(failing, new Sysctls(procSys)).setUp(veth()))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(CniException.DATAPLANE);
                    assertThat(e.msg()).isEqualTo("cannot set up host interface calic440f455693: ip exited 1:"
                            + " RTNETLINK answers: File exists\nCommand failed -:3");
                });
    }

    @Test
    void removingAGoneContainerInterfaceOrNamespaceSucceeds() throws Exception {
        RecordingCommandRunner gone = new RecordingCommandRunner().answering(c ->
                new CommandResult(c, 1, "", "Cannot find device \"eth0\"\n"));
        IprouteNetworkSetup s = new IprouteNetworkSetup(gone, new Sysctls(procSys));
        Path netns = Files.createFile(procSys.resolve("netns-file"));

        s.removeContainerInterface(netns.toString(), "eth0");
        s.removeContainerInterface(procSys.resolve("no-such-netns").toString(), "eth0");
        s.removeContainerInterface("", "eth0");

        assertThat(gone.commands).hasSize(1);
        assertThat(gone.commands.get(0).argv()).containsExactly("nsenter", "--net=" + netns, "ip", "link", "del", "eth0");
    }

    @Test
    void removingAHostInterfaceThatIsNotThereRunsNothing() throws Exception {
        setup.removeHostInterface("calinothere0000");

        assertThat(runner.commands).isEmpty();
    }
}
