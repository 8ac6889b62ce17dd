package io.calicoj.cni.plugin;

import io.calicoj.exec.Command;
import io.calicoj.exec.CommandFailedException;
import io.calicoj.exec.CommandResult;
import io.calicoj.exec.CommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link NetworkSetup} with iproute2: one {@code ip -batch} in the node's namespace (create the
 * pair with its container end directly in {@code CNI_NETNS}, host end up, /32 routes) and one in
 * the container's, entered with {@code nsenter --net=<path>} so both {@code /var/run/netns/<name>}
 * and {@code /proc/<pid>/ns/net} work. Host sysctls are written directly.
 */
final class IprouteNetworkSetup implements NetworkSetup {

    private static final Logger log = LoggerFactory.getLogger(IprouteNetworkSetup.class);

    private static final Pattern MAC = Pattern.compile("link/ether ([0-9a-f:]{17})");

    private final CommandRunner runner;
    private final Sysctls sysctls;

    IprouteNetworkSetup(CommandRunner runner, Sysctls sysctls) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.sysctls = Objects.requireNonNull(sysctls, "sysctls");
    }

    @Override
    public void requireNamespace(String netns) throws CniException {
        if (!Files.exists(Path.of(netns))) {
            throw new CniException(CniException.INVALID_ENVIRONMENT, "CNI_NETNS: no network namespace at " + netns);
        }
    }

    @Override
    public String setUp(Veth v) throws CniException {
        if (sysctls.hasInterface(v.hostInterface())) {
            log.info("Deleting stale host interface {} (an earlier sandbox of the same pod)", v.hostInterface());
            removeHostInterface(v.hostInterface());
        }
        String mtu = v.mtu() > 0 ? " mtu " + v.mtu() : "";
        List<String> host = new ArrayList<>();
        host.add("link add " + v.hostInterface() + mtu + " address " + HOST_MAC + " type veth peer name "
                + v.containerInterface() + mtu + " netns " + v.netns());
        host.add("link set " + v.hostInterface() + " up");
        for (String ip : v.addresses()) {
            host.add("route add " + hostCidr(ip) + " dev " + v.hostInterface() + " scope link");
        }
        batch(hostIp(), host, "set up host interface " + v.hostInterface());

        String conf = "net/ipv4/conf/" + v.hostInterface() + "/";
        sysctls.set(conf + "proxy_arp", "1");
        sysctls.set("net/ipv4/neigh/" + v.hostInterface() + "/proxy_delay", "0");
        sysctls.set(conf + "forwarding", "1");

        String c = v.containerInterface();
        List<String> container = new ArrayList<>();
        container.add("link set " + c + " up");
        container.add("route add " + GATEWAY + " dev " + c + " scope link");
        for (String ip : v.addresses()) {
            container.add("addr add " + hostCidr(ip) + " dev " + c);
        }
        for (String dst : v.routes()) {
            container.add("route add " + dst + " via " + GATEWAY + " dev " + c);
        }
        container.add("link show dev " + c);
        CommandResult r = batch(containerIp(v.netns()), container, "set up " + c + " in " + v.netns());
        Matcher m = MAC.matcher(r.stdout());
        if (!m.find()) {
            throw new CniException(CniException.DATAPLANE, "cannot read the MAC of " + c + " in " + v.netns()
                    + " from: " + r.stdout().strip());
        }
        return m.group(1);
    }

    @Override
    public void removeHostInterface(String hostInterface) throws CniException {
        if (!sysctls.hasInterface(hostInterface)) {
            return;
        }
        CommandResult r = run(Command.of("ip", "link", "del", hostInterface), "delete " + hostInterface);
        if (!r.succeeded() && !isGone(r)) {
            throw failed("delete host interface " + hostInterface, r);
        }
    }

    @Override
    public void removeContainerInterface(String netns, String containerInterface) throws CniException {
        if (netns.isEmpty() || !Files.exists(Path.of(netns))) {
            log.debug("Network namespace {} is gone; nothing to delete in it", netns);
            return;
        }
        CommandResult r = run(Command.of(List.of("nsenter", "--net=" + netns, "ip", "link", "del", containerInterface)),
                "delete " + containerInterface + " in " + netns);
        if (r.succeeded() || isGone(r)) {
            return;
        }
        if (r.stderr().startsWith("nsenter:")) {
            log.warn("Cannot enter network namespace {} (treating it as gone): {}", netns, r.stderr().strip());
            return;
        }
        throw failed("delete " + containerInterface + " in " + netns, r);
    }

    @Override
    public void check(Veth v) throws CniException {
        if (!sysctls.hasInterface(v.hostInterface())) {
            throw checkFailed("host interface " + v.hostInterface() + " does not exist");
        }
        CommandResult host = batch(hostIp(), List.of("link show dev " + v.hostInterface(),
                "route show dev " + v.hostInterface()), "inspect " + v.hostInterface());
        if (!host.stdout().contains(",UP") && !host.stdout().contains("<UP")) {
            throw checkFailed("host interface " + v.hostInterface() + " is down");
        }
        for (String ip : v.addresses()) {
            if (!containsLineStarting(host.stdout(), ip + " ")) {
                throw checkFailed("no route to " + hostCidr(ip) + " via " + v.hostInterface());
            }
        }
        if (!sysctls.get("net/ipv4/conf/" + v.hostInterface() + "/proxy_arp").equals("1")) {
            throw checkFailed("proxy ARP is off on " + v.hostInterface());
        }
        String c = v.containerInterface();
        CommandResult in = batch(containerIp(v.netns()), List.of("addr show dev " + c, "route show dev " + c),
                "inspect " + c + " in " + v.netns());
        for (String ip : v.addresses()) {
            if (!in.stdout().contains(" " + hostCidr(ip) + " ")) {
                throw checkFailed(c + " in " + v.netns() + " does not have address " + hostCidr(ip));
            }
        }
        for (String dst : v.routes()) {
            String shown = dst.equals("0.0.0.0/0") ? "default" : dst;
            if (!containsLineStarting(in.stdout(), shown + " via " + GATEWAY)) {
                throw checkFailed("no route to " + dst + " via " + GATEWAY + " in " + v.netns());
            }
        }
    }

    private static List<String> hostIp() {
        return List.of("ip", "-o", "-batch", "-");
    }

    private static List<String> containerIp(String netns) {
        return List.of("nsenter", "--net=" + netns, "ip", "-o", "-batch", "-");
    }

    private CommandResult batch(List<String> argv, List<String> lines, String what) throws CniException {
        CommandResult r = run(Command.of(argv).withStdin(String.join("\n", lines) + "\n"), what);
        if (!r.succeeded()) {
            throw failed(what, r);
        }
        return r;
    }

    private CommandResult run(Command command, String what) throws CniException {
        log.debug("{}: {}", what, command);
        try {
            return runner.run(command);
        } catch (CommandFailedException e) {
            throw new CniException(CniException.DATAPLANE, "cannot " + what + ": " + e.getMessage());
        }
    }

    private static boolean isGone(CommandResult r) {
        String err = r.stderr().toLowerCase(Locale.ROOT);
        return err.contains("cannot find device") || err.contains("does not exist");
    }

    private static boolean containsLineStarting(String text, String prefix) {
        for (String line : text.split("\n")) {
            if (line.strip().startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    static String hostCidr(String ip) {
        return ip + (ip.indexOf(':') < 0 ? "/32" : "/128");
    }

    private static CniException failed(String what, CommandResult r) {
        return new CniException(CniException.DATAPLANE, "cannot " + what + ": " + r.command().program()
                + " exited " + r.exitCode() + (r.stderr().isBlank() ? "" : ": " + r.stderr().strip()));
    }

    private static CniException checkFailed(String what) {
        return new CniException(CniException.CHECK_FAILED, what);
    }
}
