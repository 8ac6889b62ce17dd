package io.calicoj.dataplane.iptables;

import io.calicoj.model.Port;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The match part of an iptables rule, as the fragments Felix writes (long option names, in the order
 * they were added). Immutable: every method returns a new match with one more fragment.
 */
public record Match(List<String> fragments) {

    private static final Match NONE = new Match(List.of());

    public Match {
        fragments = List.copyOf(fragments);
    }

    /** The empty match (every packet). */
    public static Match any() {
        return NONE;
    }

    public boolean isEmpty() {
        return fragments.isEmpty();
    }

    /** The fragments joined with spaces, as they appear in restore input. */
    public String render() {
        return String.join(" ", fragments);
    }

    /** This match followed by {@code other}'s fragments. */
    public Match and(Match other) {
        if (other.isEmpty()) {
            return this;
        }
        List<String> all = new ArrayList<>(fragments);
        all.addAll(other.fragments);
        return new Match(all);
    }

    private Match with(String fragment) {
        List<String> all = new ArrayList<>(fragments.size() + 1);
        all.addAll(fragments);
        all.add(fragment);
        return new Match(all);
    }

    /** The names of the IP sets this match refers to. */
    public List<String> ipSetNames() {
        List<String> names = new ArrayList<>();
        for (String f : fragments) {
            String[] words = f.split(" ");
            for (int i = 0; i + 1 < words.length; i++) {
                if (words[i].equals("--match-set")) {
                    names.add(words[i + 1]);
                }
            }
        }
        return names;
    }

    public Match inInterface(String iface) {
        return with("--in-interface " + iface);
    }

    public Match outInterface(String iface) {
        return with("--out-interface " + iface);
    }

    public Match markClear(long mark) {
        return with("-m mark --mark 0/" + hex(nonZero(mark)));
    }

    public Match markNotClear(long mark) {
        return with("-m mark ! --mark 0/" + hex(nonZero(mark)));
    }

    /** The single bit {@code mark} is set. */
    public Match markSingleBitSet(long mark) {
        if (Long.bitCount(mark) != 1) {
            throw new IllegalArgumentException("not a single mark bit: " + hex(mark));
        }
        return markMatchesWithMask(mark, mark);
    }

    public Match markMatchesWithMask(long mark, long mask) {
        if ((mark & nonZero(mask)) != mark) {
            throw new IllegalArgumentException("mark " + hex(mark) + " is not inside mask " + hex(mask));
        }
        return with("-m mark --mark " + hex(mark) + "/" + hex(mask));
    }

    public Match conntrackState(String states) {
        return with("-m conntrack --ctstate " + states);
    }

    public Match notConntrackState(String states) {
        return with("-m conntrack ! --ctstate " + states);
    }

    /** {@code -p <name>} with iptables' name ({@code tcp}) or a number. */
    public Match protocol(String name) {
        return with("-p " + name);
    }

    public Match notProtocol(String name) {
        return with("! -p " + name);
    }

    public Match sourceNet(String cidr) {
        return with("--source " + cidr);
    }

    public Match notSourceNet(String cidr) {
        return with("! --source " + cidr);
    }

    public Match destNet(String cidr) {
        return with("--destination " + cidr);
    }

    public Match notDestNet(String cidr) {
        return with("! --destination " + cidr);
    }

    public Match sourceIpSet(String name) {
        return with("-m set --match-set " + name + " src");
    }

    public Match notSourceIpSet(String name) {
        return with("-m set ! --match-set " + name + " src");
    }

    /** A named-port set ({@code hash:ip,port}) matched against source address and port. */
    public Match sourceIpPortSet(String name) {
        return with("-m set --match-set " + name + " src,src");
    }

    public Match notSourceIpPortSet(String name) {
        return with("-m set ! --match-set " + name + " src,src");
    }

    public Match destIpSet(String name) {
        return with("-m set --match-set " + name + " dst");
    }

    public Match notDestIpSet(String name) {
        return with("-m set ! --match-set " + name + " dst");
    }

    public Match destIpPortSet(String name) {
        return with("-m set --match-set " + name + " dst,dst");
    }

    public Match notDestIpPortSet(String name) {
        return with("-m set ! --match-set " + name + " dst,dst");
    }

    public Match sourcePorts(List<Port> ports) {
        return with("-m multiport --source-ports " + multiport(ports));
    }

    public Match notSourcePorts(List<Port> ports) {
        return with("-m multiport ! --source-ports " + multiport(ports));
    }

    public Match destPorts(List<Port> ports) {
        return with("-m multiport --destination-ports " + multiport(ports));
    }

    public Match notDestPorts(List<Port> ports) {
        return with("-m multiport ! --destination-ports " + multiport(ports));
    }

    public Match icmpType(int type, Integer code) {
        return with("-m icmp --icmp-type " + typeCode(type, code));
    }

    public Match notIcmpType(int type, Integer code) {
        return with("-m icmp ! --icmp-type " + typeCode(type, code));
    }

    public Match icmpV6Type(int type, Integer code) {
        return with("-m icmp6 --icmpv6-type " + typeCode(type, code));
    }

    public Match notIcmpV6Type(int type, Integer code) {
        return with("-m icmp6 ! --icmpv6-type " + typeCode(type, code));
    }

    private static String typeCode(int type, Integer code) {
        return code == null ? Integer.toString(type) : type + "/" + code;
    }

    /** Felix's multiport text: {@code 80,443:445}. */
    static String multiport(List<Port> ports) {
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("a multiport match needs at least one port");
        }
        return ports.stream().map(p -> {
            if (p.isNamed()) {
                throw new IllegalArgumentException("named port " + p.name() + " cannot go in a multiport match");
            }
            return p.min() == p.max() ? Integer.toString(p.min()) : p.min() + ":" + p.max();
        }).collect(Collectors.joining(","));
    }

    private static long nonZero(long mark) {
        if (mark == 0) {
            throw new IllegalArgumentException("a mark match needs a non-zero mask");
        }
        return mark;
    }

    /** C's {@code %#x}, as Felix prints marks. */
    static String hex(long value) {
        return value == 0 ? "0" : "0x" + Long.toHexString(value);
    }

    @Override
    public String toString() {
        return "Match[" + render() + "]";
    }
}
