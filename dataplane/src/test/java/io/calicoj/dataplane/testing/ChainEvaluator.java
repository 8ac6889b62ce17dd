package io.calicoj.dataplane.testing;

import io.calicoj.dataplane.iptables.Action;
import io.calicoj.dataplane.iptables.Chain;
import io.calicoj.dataplane.iptables.Rule;
import io.calicoj.model.Cidr;
import io.calicoj.model.IpAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a packet through one of our policy chains the way netfilter would, for the match fragments
 * and actions the renderers produce: protocol, addresses, IP sets ({@code src}, {@code dst},
 * {@code src,src}, {@code dst,dst}), multiport, ICMP type/code, mark matches (with {@code !}), and
 * the MARK, RETURN, DROP and LOG targets. Anything else is an error, so a renderer change that
 * produces new syntax has to teach this evaluator first.
 */
public final class ChainEvaluator {

    /** How a chain let a packet go. */
    public enum Verdict { DROP, RETURN }

    /** A packet: addresses, protocol name as iptables writes it, ports (or ICMP type and code). */
    public record Packet(IpAddress src, IpAddress dst, String protocol, int srcPort, int dstPort) {
    }

    /** The outcome: DROP, or RETURN with the mark bits left. */
    public record Outcome(Verdict verdict, long mark) {
    }

    private final Map<String, Set<String>> ipSets;

    /** @param ipSets set name → members as ipset prints them ({@code 10.0.0.1}, {@code 10.0.0.1,tcp:80}) */
    public ChainEvaluator(Map<String, Set<String>> ipSets) {
        this.ipSets = ipSets;
    }

    public Outcome run(Chain chain, Packet p, long mark) {
        long m = mark;
        for (Rule r : chain.rules()) {
            if (!matches(r.match().fragments(), p, m)) {
                continue;
            }
            Action a = r.action();
            if (a instanceof Action.SetMaskedMark s) {
                m = (m & ~s.mask()) | s.mark();
            } else if (a.isReturn()) {
                return new Outcome(Verdict.RETURN, m);
            } else if (a == Action.DROP) {
                return new Outcome(Verdict.DROP, m);
            } else if (!(a instanceof Action.Log) && !(a instanceof Action.NoAction)) {
                throw new IllegalArgumentException("evaluator does not know action " + a);
            }
        }
        return new Outcome(Verdict.RETURN, m);
    }

    private boolean matches(List<String> fragments, Packet p, long mark) {
        for (String f : fragments) {
            if (!matches(f, p, mark)) {
                return false;
            }
        }
        return true;
    }

    private boolean matches(String fragment, Packet p, long mark) {
        String[] w = fragment.split(" ");
        boolean not = false;
        int i = 0;
        if (w[0].equals("!")) {
            not = true;
            i = 1;
        }
        if (w[i].equals("-p")) {
            return not != w[i + 1].equals(p.protocol());
        }
        if (w[i].equals("--source") || w[i].equals("--destination")) {
            IpAddress a = w[i].equals("--source") ? p.src() : p.dst();
            return not != Cidr.parse(w[i + 1]).contains(a);
        }
        if (!w[i].equals("-m")) {
            throw new IllegalArgumentException("evaluator does not know fragment " + fragment);
        }
        String module = w[i + 1];
        i += 2;
        if (w[i].equals("!")) {
            not = true;
            i++;
        }
        switch (module) {
            case "set": {
                Set<String> members = ipSets.getOrDefault(w[i + 1], Set.of());
                String dir = w[i + 2];
                boolean hit;
                switch (dir) {
                    case "src": hit = members.contains(p.src().toString()); break;
                    case "dst": hit = members.contains(p.dst().toString()); break;
                    case "src,src": hit = members.contains(p.src() + "," + p.protocol() + ":" + p.srcPort()); break;
                    case "dst,dst": hit = members.contains(p.dst() + "," + p.protocol() + ":" + p.dstPort()); break;
                    default: throw new IllegalArgumentException("bad set direction in " + fragment);
                }
                return not != hit;
            }
            case "multiport": {
                if (!p.protocol().equals("tcp") && !p.protocol().equals("udp") && !p.protocol().equals("sctp")) {
                    throw new IllegalArgumentException("multiport without a port protocol: " + fragment);
                }
                int port = w[i].equals("--source-ports") ? p.srcPort() : p.dstPort();
                boolean hit = false;
                for (String entry : w[i + 1].split(",")) {
                    String[] r = entry.split(":");
                    int lo = Integer.parseInt(r[0]);
                    int hi = r.length > 1 ? Integer.parseInt(r[1]) : lo;
                    hit |= port >= lo && port <= hi;
                }
                return not != hit;
            }
            case "mark": {
                String[] vm = w[i + 1].split("/");
                long v = Long.decode(vm[0].equals("0") ? "0" : vm[0]);
                long msk = Long.decode(vm[1]);
                return not != ((mark & msk) == v);
            }
            case "icmp": {
                String[] tc = w[i + 1].split("/");
                boolean hit = p.protocol().equals("icmp") && p.srcPort() == Integer.parseInt(tc[0])
                        && (tc.length == 1 || p.dstPort() == Integer.parseInt(tc[1]));
                return not != hit;
            }
            default:
                throw new IllegalArgumentException("evaluator does not know fragment " + fragment);
        }
    }
}
