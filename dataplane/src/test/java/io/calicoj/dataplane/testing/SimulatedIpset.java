package io.calicoj.dataplane.testing;

import io.calicoj.exec.Command;
import io.calicoj.exec.CommandResult;
import io.calicoj.model.Cidr;
import io.calicoj.model.IpAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * A simulated {@code ipset} (7.x) holding kernel-like sets: {@code create}, {@code add}, {@code del},
 * {@code flush}, {@code swap}, {@code destroy} (also inside {@code restore}, which applies lines in
 * order and stops at the first error, keeping what came before, as the real tool does),
 * {@code save}, {@code list -n}, {@code list -t}. Enforces what the kernel enforces: members of the
 * set's type and family, no unspecified address in {@code hash:ip} and {@code hash:ip,port} sets and
 * no {@code /0} in {@code hash:net} sets (with the kernel's messages), {@code maxelem}, swap only
 * between sets of one type, and no {@code destroy} while an iptables rule refers to the set
 * (references are counted by the {@link SimulatedKernel}). Faults: {@link #failNextRestores(int)},
 * {@link #refuseMembers(Predicate)}.
 */
public final class SimulatedIpset {

    /** One set. */
    public static final class SetState {
        final String type;
        final String family;
        final int maxElements;
        final Set<String> members = new LinkedHashSet<>();

        SetState(String type, String family, int maxElements) {
            this.type = type;
            this.family = family;
            this.maxElements = maxElements;
        }

        public String type() {
            return type;
        }

        public int maxElements() {
            return maxElements;
        }

        public Set<String> members() {
            return Set.copyOf(members);
        }
    }

    private final Map<String, SetState> sets = new LinkedHashMap<>();
    private ToIntFunction<String> references = name -> 0;
    private int failRestores;
    private Predicate<String> refusedMembers = m -> false;
    private int restores;

    void setReferenceCounter(ToIntFunction<String> counter) {
        this.references = counter;
    }

    /** Makes the next {@code n} {@code ipset restore} runs fail before changing anything. */
    public void failNextRestores(int n) {
        failRestores = n;
    }

    /** From now on, adding a member matching the predicate (as written) fails as the kernel fails an odd member. */
    public void refuseMembers(Predicate<String> members) {
        refusedMembers = members;
    }

    public int restoreCount() {
        return restores;
    }

    public boolean exists(String name) {
        return sets.containsKey(name);
    }

    public SetState set(String name) {
        return sets.get(name);
    }

    public List<String> names() {
        return List.copyOf(sets.keySet());
    }

    /** Members of a set, or an empty set when it does not exist. */
    public Set<String> members(String name) {
        SetState s = sets.get(name);
        return s == null ? Set.of() : s.members();
    }

    /** Another program (or a test) changing a set directly: no checks beyond the type's. */
    public void addMemberDirectly(String name, String member) {
        SetState s = sets.get(name);
        s.members.add(canonical(s, member));
    }

    public void removeMemberDirectly(String name, String member) {
        SetState s = sets.get(name);
        s.members.remove(canonical(s, member));
    }

    CommandResult run(Command c) {
        List<String> args = c.argv().subList(1, c.argv().size());
        if (args.isEmpty()) {
            return fail(c, "No command specified");
        }
        switch (args.get(0)) {
            case "restore":
                return restore(c, args.contains("-exist") || args.contains("--exist"));
            case "save":
                return ok(c, save(args.size() > 1 ? args.get(1) : null));
            case "list":
                return list(c, args.subList(1, args.size()));
            default:
                String err = apply(args, args.contains("-exist"));
                return err == null ? ok(c, "") : fail(c, err);
        }
    }

    private CommandResult restore(Command c, boolean exist) {
        restores++;
        if (failRestores > 0) {
            failRestores--;
            return fail(c, "Error in line 1: simulated failure");
        }
        String[] lines = c.stdin().split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#") || line.equals("COMMIT")) {
                continue;
            }
            String err = apply(Tokens.split(line), exist);
            if (err != null) {
                return fail(c, "Error in line " + (i + 1) + ": " + err);
            }
        }
        return ok(c, "");
    }

    /** Applies one command; null on success, else ipset's message. */
    private String apply(List<String> w, boolean exist) {
        String op = w.get(0);
        String name = w.size() > 1 ? w.get(1) : "";
        SetState s = sets.get(name);
        switch (op) {
            case "create":
            case "-N": {
                if (w.size() < 3) {
                    return "Syntax error: missing type";
                }
                String type = w.get(2);
                if (!List.of("hash:ip", "hash:ip,port", "hash:net").contains(type)) {
                    return "Unknown set type " + type;
                }
                String family = option(w, "family", "inet");
                int max = Integer.parseInt(option(w, "maxelem", "65536"));
                if (name.length() > 31) {
                    return "Syntax error: setname '" + name + "' is longer than 31 characters";
                }
                if (s != null) {
                    if (exist && s.type.equals(type) && s.family.equals(family) && s.maxElements == max) {
                        return null;
                    }
                    return "Set cannot be created: set with the same name already exists";
                }
                sets.put(name, new SetState(type, family, max));
                return null;
            }
            case "add":
            case "-A":
            case "del":
            case "-D": {
                if (s == null) {
                    return "The set with the given name does not exist";
                }
                String member;
                try {
                    member = canonical(s, w.get(2));
                } catch (RuntimeException e) {
                    return "Syntax error: cannot parse " + (w.size() > 2 ? w.get(2) : "") + ": resolving to IPv4 address failed";
                }
                boolean adding = op.equals("add") || op.equals("-A");
                String refusal = adding ? kernelRefusal(s, w.get(2)) : null;
                if (refusal != null) {
                    return refusal;
                }
                if (adding) {
                    if (s.members.contains(member)) {
                        return exist ? null : "Element cannot be added to the set: it's already added";
                    }
                    if (s.members.size() >= s.maxElements) {
                        return "Hash is full, cannot add more elements";
                    }
                    s.members.add(member);
                } else if (!s.members.remove(member) && !exist) {
                    return "Element cannot be deleted from the set: it's not added";
                }
                return null;
            }
            case "flush":
            case "-F":
                if (s == null) {
                    return "The set with the given name does not exist";
                }
                s.members.clear();
                return null;
            case "swap":
            case "-W": {
                SetState other = sets.get(w.size() > 2 ? w.get(2) : "");
                if (s == null || other == null) {
                    return "The set with the given name does not exist";
                }
                if (!s.type.equals(other.type) || !s.family.equals(other.family)) {
                    return "The sets cannot be swapped: their type does not match";
                }
                sets.put(name, other);
                sets.put(w.get(2), s);
                return null;
            }
            case "destroy":
            case "-X":
                if (s == null) {
                    return "The set with the given name does not exist";
                }
                if (references.applyAsInt(name) > 0) {
                    return "Set cannot be destroyed: it is in use by a kernel component";
                }
                sets.remove(name);
                return null;
            default:
                return "Unknown command " + op;
        }
    }

    /** What the kernel says about a member it will not store (ipset 7.17, Linux 6.x), or null. */
    private String kernelRefusal(SetState s, String text) {
        if (refusedMembers.test(text)) {
            return "Kernel error received: Invalid argument";
        }
        String address = text.contains(",") ? text.substring(0, text.indexOf(',')) : text;
        if (s.type.equals("hash:net")) {
            return address.endsWith("/0") ? "The value of the CIDR parameter of the IP address is invalid" : null;
        }
        IpAddress a = IpAddress.parse(address.contains("/") ? address.substring(0, address.indexOf('/')) : address);
        if (a.high() != 0 || a.low() != 0) {
            return null;
        }
        return s.type.equals("hash:ip") ? "Null-valued element, cannot be stored in a hash type of set"
                : "Kernel error received: Invalid argument";
    }

    private static String option(List<String> w, String key, String def) {
        int i = w.indexOf(key);
        return i >= 0 && i + 1 < w.size() ? w.get(i + 1) : def;
    }

    /** The member as ipset prints it; throws on a member the set's type and family cannot hold. */
    static String canonical(SetState s, String text) {
        int version = s.family.equals("inet6") ? 6 : 4;
        switch (s.type) {
            case "hash:ip": {
                IpAddress a = IpAddress.parse(text.contains("/") ? text.substring(0, text.indexOf('/')) : text);
                check(a.version() == version);
                return a.toString();
            }
            case "hash:ip,port": {
                int comma = text.indexOf(',');
                IpAddress a = IpAddress.parse(text.substring(0, comma));
                check(a.version() == version);
                String[] pp = text.substring(comma + 1).split(":");
                String proto = pp[0].toLowerCase(Locale.ROOT);
                check(List.of("tcp", "udp", "sctp").contains(proto));
                int port = Integer.parseInt(pp[1]);
                check(port >= 0 && port <= 65535);
                return a + "," + proto + ":" + port;
            }
            default: {
                Cidr c = (text.contains("/") ? Cidr.parse(text) : Cidr.host(IpAddress.parse(text))).network();
                check(c.version() == version);
                return c.prefixLength() == c.address().bits() ? c.address().toString() : c.toString();
            }
        }
    }

    private static void check(boolean ok) {
        if (!ok) {
            throw new IllegalArgumentException("bad member");
        }
    }

    /** {@code ipset save} text. */
    public String save(String only) {
        StringBuilder sb = new StringBuilder();
        sets.forEach((name, s) -> {
            if (only != null && !only.equals(name)) {
                return;
            }
            sb.append("create ").append(name).append(' ').append(s.type).append(" family ").append(s.family)
                    .append(" hashsize 1024 maxelem ").append(s.maxElements).append(" bucketsize 12 initval 0x1234abcd\n");
            for (String m : s.members) {
                sb.append("add ").append(name).append(' ').append(m).append('\n');
            }
        });
        return sb.toString();
    }

    private CommandResult list(Command c, List<String> args) {
        StringBuilder sb = new StringBuilder();
        if (args.contains("-n") || args.contains("-name")) {
            sets.keySet().forEach(n -> sb.append(n).append('\n'));
            return ok(c, sb.toString());
        }
        boolean terse = args.contains("-t") || args.contains("-terse");
        List<String> names = new ArrayList<>();
        for (String a : args) {
            if (!a.startsWith("-")) {
                names.add(a);
            }
        }
        for (String name : names.isEmpty() ? List.copyOf(sets.keySet()) : names) {
            SetState s = sets.get(name);
            if (s == null) {
                return fail(c, "The set with the given name does not exist");
            }
            sb.append("Name: ").append(name).append("\nType: ").append(s.type).append("\nHeader: family ").append(s.family)
                    .append(" hashsize 1024 maxelem ").append(s.maxElements).append("\nReferences: ")
                    .append(references.applyAsInt(name)).append("\nNumber of entries: ").append(s.members.size()).append('\n');
            if (!terse) {
                sb.append("Members:\n");
                s.members.forEach(m -> sb.append(m).append('\n'));
            }
            sb.append('\n');
        }
        return ok(c, sb.toString());
    }

    private static CommandResult ok(Command c, String out) {
        return new CommandResult(c, 0, out, "");
    }

    private static CommandResult fail(Command c, String err) {
        return new CommandResult(c, 1, "", "ipset v7.17: " + err + "\n");
    }
}
