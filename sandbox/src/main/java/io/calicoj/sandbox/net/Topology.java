package io.calicoj.sandbox.net;

import io.calicoj.exec.CommandFailedException;
import java.util.ArrayList;
import java.util.List;

/**
 * The sandbox's network: one namespace per node and an underlay namespace with a bridge joining
 * them, like hosts on one L2 segment; each node routes the other nodes' pod CIDRs to them (the
 * install page's "routes based on pod CIDR allocations"). Everything lives in namespaces named
 * {@code <prefix>…}; nothing is configured in the machine's own network namespace.
 *
 * <pre>
 *   [prefix-n1] eth0 172.31.0.1 ──┐
 *   [prefix-n2] eth0 172.31.0.2 ──┼── br0 172.31.0.254 [prefix-net]
 *   …                             ┘
 *   node n: pod CIDR 10.244.n.0/24; route 10.244.m.0/24 via 172.31.0.m for every other node m
 * </pre>
 */
public final class Topology {

    /** One node's network identity. */
    public record NodeNet(int index, String name, String netns, String address, String podCidr) {
    }

    public static final String UNDERLAY_GATEWAY = "172.31.0.254";

    private final Netns netns;
    private final String prefix;

    /** @param prefix the run's unique prefix, e.g. {@code cjab12cd} (at most 8 characters) */
    public Topology(Netns netns, String prefix) {
        if (prefix.length() > 8) {
            throw new IllegalArgumentException("prefix too long for interface names: " + prefix);
        }
        this.netns = netns;
        this.prefix = prefix;
    }

    public String underlayNetns() {
        return prefix + "-net";
    }

    public static NodeNet node(String prefix, int index) {
        return new NodeNet(index, "node-" + index, prefix + "-n" + index, "172.31.0." + index,
                "10.244." + index + ".0/24");
    }

    public List<NodeNet> nodes(int count) {
        List<NodeNet> out = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            out.add(node(prefix, i));
        }
        return out;
    }

    /** Creates the underlay and {@code count} nodes. */
    public List<NodeNet> create(int count) throws CommandFailedException {
        if (count < 1 || count > 200) {
            throw new IllegalArgumentException("nodes must be between 1 and 200, not " + count);
        }
        String net = underlayNetns();
        netns.create(net);
        netns.ip(net, "link", "add", "br0", "type", "bridge");
        netns.ip(net, "addr", "add", UNDERLAY_GATEWAY + "/24", "dev", "br0");
        netns.ip(net, "link", "set", "br0", "up");
        List<NodeNet> nodes = nodes(count);
        for (NodeNet n : nodes) {
            netns.create(n.netns());
            netns.veth(n.netns(), "eth0", net, "n" + n.index());
            netns.ip(net, "link", "set", "n" + n.index(), "master", "br0");
            netns.ip(n.netns(), "addr", "add", n.address() + "/24", "dev", "eth0");
            // A default route: the node answers proxy ARP for 169.254.1.1 only if it has a route there.
            netns.ip(n.netns(), "route", "add", "default", "via", UNDERLAY_GATEWAY);
            netns.sysctl(n.netns(), "net.ipv4.ip_forward", "1");
        }
        for (NodeNet n : nodes) {
            for (NodeNet other : nodes) {
                if (other != n) {
                    netns.ip(n.netns(), "route", "add", other.podCidr(), "via", other.address());
                }
            }
        }
        return nodes;
    }

    /** Deletes every namespace of this run (nodes, underlay, pods: anything named {@code <prefix>-…}). */
    public void destroy() throws CommandFailedException {
        for (String ns : netns.list()) {
            if (ns.startsWith(prefix + "-")) {
                netns.deleteIfPresent(ns);
            }
        }
    }
}
