package io.calicoj.dataplane.testing;

import io.calicoj.exec.Command;
import io.calicoj.exec.CommandResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A simulated iptables ruleset (one backend: the nft one or the legacy one): tables with built-in
 * and user chains, rules stored as {@code iptables-save} prints them (long options shortened,
 * {@code --set-mark} as {@code --set-xmark}, hosts as {@code /32}, so no code can depend on the text
 * it wrote coming back unchanged).
 *
 * <p>{@code iptables-restore --noflush} input is applied per {@code *table … COMMIT} transaction,
 * all or nothing: {@code :chain} (create, or flush an existing user chain), {@code -A}, {@code -I},
 * {@code -R}, {@code -D} (by number or by rule), {@code -F}, {@code -N}, {@code -X}/{@code
 * --delete-chain}. Checked as the kernel does: jump targets and {@code --match-set} sets must exist
 * when the line runs, rule numbers must be in range, a chain must be empty and unreferenced to be
 * deleted, built-in chains cannot be deleted. {@code iptables-save [-t table]} prints the tables.
 *
 * <p>Faults: {@link #failNextRestores(int)} (fails before changing anything); {@link #refuseRules}
 * (the kernel refuses rules like these, as it refuses a target in the wrong table: iptables-nft names
 * the rule's line and chain, iptables-legacy only the COMMIT line);
 * {@link #beforeNextRestore(Consumer)} (another program changes the rules just before ours are
 * applied); and direct changes ({@link #insertRule}, {@link #flushChain}, {@link #deleteRule}) as
 * another program would make them between two of our writes.
 */
public final class SimulatedIptables {

    private static final Map<String, List<String>> BUILTIN = Map.of(
            "filter", List.of("INPUT", "FORWARD", "OUTPUT"),
            "raw", List.of("PREROUTING", "OUTPUT"),
            "mangle", List.of("PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"),
            "nat", List.of("PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"));
    private static final Set<String> TARGETS = Set.of("ACCEPT", "DROP", "RETURN", "REJECT", "MARK", "LOG", "NOTRACK",
            "MASQUERADE", "SNAT", "DNAT", "CT", "CONNMARK", "NFLOG", "QUEUE");

    private final String name;
    private final Predicate<String> ipSetExists;
    private Map<String, Map<String, ChainState>> tables = new TreeMap<>();
    private int failRestores;
    private Predicate<String> refusedRules = r -> false;
    private Consumer<SimulatedIptables> beforeRestore;
    private int restores;
    private int saves;

    /** A chain: built-in ones have a policy; rules are stored as the text after {@code -A <chain> }. */
    static final class ChainState {
        final String policy;
        final List<String> rules;

        ChainState(String policy, List<String> rules) {
            this.policy = policy;
            this.rules = rules;
        }

        ChainState copy() {
            return new ChainState(policy, new ArrayList<>(rules));
        }
    }

    /**
     * @param name        for messages: {@code iptables-nft-restore} or {@code iptables-legacy-restore}
     * @param ipSetExists whether an IP set exists (rules may only refer to existing sets)
     */
    public SimulatedIptables(String name, Predicate<String> ipSetExists) {
        this.name = name;
        this.ipSetExists = ipSetExists;
    }

    public void failNextRestores(int n) {
        failRestores = n;
    }

    /** From now on the kernel refuses rules (as saved, after {@code -A <chain> }) that match. */
    public void refuseRules(Predicate<String> rules) {
        refusedRules = rules;
    }

    /** Runs {@code change} once, just before the next restore is applied. */
    public void beforeNextRestore(Consumer<SimulatedIptables> change) {
        beforeRestore = change;
    }

    public int restoreCount() {
        return restores;
    }

    public int saveCount() {
        return saves;
    }

    public boolean hasTables() {
        return !tables.isEmpty();
    }

    /** Chains of a table (empty when the table does not exist). */
    public Set<String> chainNames(String table) {
        Map<String, ChainState> t = tables.get(table);
        return t == null ? Set.of() : Set.copyOf(t.keySet());
    }

    /** A chain's rules as iptables-save prints them after {@code -A <chain> }. */
    public List<String> rules(String table, String chain) {
        Map<String, ChainState> t = tables.get(table);
        ChainState c = t == null ? null : t.get(chain);
        return c == null ? List.of() : List.copyOf(c.rules);
    }

    /** Another program inserts a rule ({@code position} 1-based). */
    public void insertRule(String table, String chain, int position, String rule) {
        table(table).get(chain).rules.add(position - 1, canonicalRule(rule));
    }

    public void appendRule(String table, String chain, String rule) {
        table(table).get(chain).rules.add(canonicalRule(rule));
    }

    /** Another program deletes a rule ({@code position} 1-based). */
    public void deleteRule(String table, String chain, int position) {
        table(table).get(chain).rules.remove(position - 1);
    }

    /** Another program flushes a chain (e.g. a careless {@code iptables -F}). */
    public void flushChain(String table, String chain) {
        table(table).get(chain).rules.clear();
    }

    /** Another program creates a chain. */
    public void createChain(String table, String chain) {
        table(table).putIfAbsent(chain, new ChainState("-", new ArrayList<>()));
    }

    /** How many rules of all tables match the named set. */
    int setReferences(String setName) {
        int n = 0;
        for (Map<String, ChainState> t : tables.values()) {
            for (ChainState c : t.values()) {
                for (String r : c.rules) {
                    List<String> w = Tokens.split(r);
                    for (int i = 0; i + 1 < w.size(); i++) {
                        if (w.get(i).equals("--match-set") && w.get(i + 1).equals(setName)) {
                            n++;
                        }
                    }
                }
            }
        }
        return n;
    }

    private Map<String, ChainState> table(String table) {
        return tables.computeIfAbsent(table, SimulatedIptables::newTable);
    }

    private static Map<String, ChainState> newTable(String table) {
        Map<String, ChainState> t = new LinkedHashMap<>();
        for (String c : BUILTIN.getOrDefault(table, List.of())) {
            t.put(c, new ChainState("ACCEPT", new ArrayList<>()));
        }
        return t;
    }

    CommandResult save(Command c) {
        saves++;
        List<String> args = c.argv();
        int t = args.indexOf("-t");
        String only = t >= 0 && t + 1 < args.size() ? args.get(t + 1) : null;
        StringBuilder sb = new StringBuilder();
        tables.forEach((tableName, chains) -> {
            if (only != null && !only.equals(tableName)) {
                return;
            }
            sb.append("# Generated by ").append(name.replace("restore", "save")).append(" v1.8.9 (simulated)\n");
            sb.append('*').append(tableName).append('\n');
            List<String> order = new ArrayList<>();
            chains.forEach((n, ch) -> {
                if (!ch.policy.equals("-")) {
                    order.add(n);
                }
            });
            chains.keySet().stream().filter(n -> chains.get(n).policy.equals("-")).sorted().forEach(order::add);
            for (String n : order) {
                sb.append(':').append(n).append(' ').append(chains.get(n).policy).append(" [0:0]\n");
            }
            for (String n : order) {
                for (String r : chains.get(n).rules) {
                    sb.append("-A ").append(n).append(r.isEmpty() ? "" : " " + r).append('\n');
                }
            }
            sb.append("COMMIT\n# Completed\n");
        });
        return new CommandResult(c, 0, sb.toString(), "");
    }

    CommandResult restore(Command c) {
        restores++;
        if (failRestores > 0) {
            failRestores--;
            return new CommandResult(c, 1, "", name + ": simulated failure\nError occurred at line: 1\n");
        }
        if (beforeRestore != null) {
            Consumer<SimulatedIptables> change = beforeRestore;
            beforeRestore = null;
            change.accept(this);
        }
        boolean noflush = c.argv().contains("--noflush") || c.argv().contains("-n");
        String[] lines = c.stdin().split("\n");
        String current = null;
        Map<String, ChainState> work = null;
        String refusedChain = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                if (line.startsWith("*")) {
                    current = line.substring(1).strip();
                    work = noflush ? copy(table(current)) : newTable(current);
                } else if (line.equals("COMMIT")) {
                    if (current == null) {
                        throw new IllegalStateException("COMMIT outside a table");
                    }
                    if (refusedChain != null) {
                        return new CommandResult(c, 1, "", "iptables-restore: line " + (i + 1) + " failed\n");
                    }
                    tables.put(current, work);
                    current = null;
                } else if (current == null) {
                    throw new IllegalStateException("no table selected");
                } else {
                    String chain = applyLine(work, line);
                    if (chain != null && refusedChain == null && refusedRules.test(lastRule(work, line, chain))) {
                        if (!name.contains("legacy")) {
                            return new CommandResult(c, 4, "", name + " v1.8.9 (nf_tables): \nline " + (i + 1)
                                    + ": RULE_APPEND failed (Invalid argument): rule in chain " + chain + "\n");
                        }
                        refusedChain = chain; // legacy: the kernel refuses the whole table at COMMIT
                    }
                }
            } catch (RuntimeException e) {
                return new CommandResult(c, 1, "", name + " v1.8.9: " + e.getMessage() + "\nError occurred at line: " + (i + 1) + "\n");
            }
        }
        if (current != null) {
            return new CommandResult(c, 1, "", name + " v1.8.9: no COMMIT line\n");
        }
        return new CommandResult(c, 0, "", "");
    }

    /** The rule a line added or replaced in {@code chain}, as saved. */
    private static String lastRule(Map<String, ChainState> t, String line, String chain) {
        List<String> w = Tokens.split(line);
        List<String> rules = t.get(chain).rules;
        if (w.get(0).equals("-R") || w.get(0).equals("--replace")) {
            return rules.get(Integer.parseInt(w.get(2)) - 1);
        }
        if (w.get(0).equals("-I") || w.get(0).equals("--insert")) {
            List<String> rest = w.subList(2, w.size());
            return rules.get(!rest.isEmpty() && rest.get(0).matches("\\d+") ? Integer.parseInt(rest.get(0)) - 1 : 0);
        }
        return rules.get(rules.size() - 1);
    }

    private static Map<String, ChainState> copy(Map<String, ChainState> t) {
        Map<String, ChainState> out = new LinkedHashMap<>();
        t.forEach((k, v) -> out.put(k, v.copy()));
        return out;
    }

    /** Applies one line; returns the chain when the line added or replaced a rule, else null. */
    private String applyLine(Map<String, ChainState> t, String line) {
        if (line.startsWith(":")) {
            List<String> w = Tokens.split(line.substring(1));
            String chain = w.get(0);
            String policy = w.size() > 1 ? w.get(1) : "-";
            ChainState existing = t.get(chain);
            if (existing != null && !existing.policy.equals("-")) {
                if (!policy.equals("-")) {
                    t.put(chain, new ChainState(policy, existing.rules));
                }
            } else if (existing != null) {
                existing.rules.clear();
            } else {
                if (!policy.equals("-")) {
                    throw new IllegalArgumentException("Chain '" + chain + "' is not a built-in chain");
                }
                t.put(chain, new ChainState("-", new ArrayList<>()));
            }
            return null;
        }
        List<String> w = Tokens.split(line);
        String op = w.get(0);
        String chain = w.size() > 1 ? w.get(1) : null;
        switch (op) {
            case "-A":
            case "--append":
                chain(t, chain).rules.add(checkedRule(t, w.subList(2, w.size())));
                return chain;
            case "-I":
            case "--insert": {
                List<String> rest = w.subList(2, w.size());
                int pos = 1;
                if (!rest.isEmpty() && rest.get(0).matches("\\d+")) {
                    pos = Integer.parseInt(rest.get(0));
                    rest = rest.subList(1, rest.size());
                }
                ChainState ch = chain(t, chain);
                if (pos < 1 || pos > ch.rules.size() + 1) {
                    throw new IllegalArgumentException("Index of insertion too big");
                }
                ch.rules.add(pos - 1, checkedRule(t, rest));
                return chain;
            }
            case "-R":
            case "--replace": {
                ChainState ch = chain(t, chain);
                int pos = Integer.parseInt(w.get(2));
                if (pos < 1 || pos > ch.rules.size()) {
                    throw new IllegalArgumentException("Index of replacement too big");
                }
                ch.rules.set(pos - 1, checkedRule(t, w.subList(3, w.size())));
                return chain;
            }
            case "-D":
            case "--delete": {
                ChainState ch = chain(t, chain);
                List<String> rest = w.subList(2, w.size());
                if (rest.size() == 1 && rest.get(0).matches("\\d+")) {
                    int pos = Integer.parseInt(rest.get(0));
                    if (pos < 1 || pos > ch.rules.size()) {
                        throw new IllegalArgumentException("Index of deletion too big");
                    }
                    ch.rules.remove(pos - 1);
                } else if (!ch.rules.remove(canonical(rest))) {
                    throw new IllegalArgumentException("Couldn't delete rule: Bad rule (does a matching rule exist in that chain?)");
                }
                break;
            }
            case "-F":
            case "--flush":
                if (chain == null) {
                    t.values().forEach(ch -> ch.rules.clear());
                } else {
                    chain(t, chain).rules.clear();
                }
                break;
            case "-N":
            case "--new-chain":
                if (t.containsKey(chain)) {
                    throw new IllegalArgumentException("Chain already exists");
                }
                t.put(chain, new ChainState("-", new ArrayList<>()));
                break;
            case "-X":
            case "--delete-chain": {
                ChainState ch = chain(t, chain);
                if (!ch.policy.equals("-")) {
                    throw new IllegalArgumentException("Can't delete built-in chain " + chain);
                }
                if (!ch.rules.isEmpty()) {
                    throw new IllegalArgumentException("Directory not empty: chain " + chain + " is not empty");
                }
                for (Map.Entry<String, ChainState> e : t.entrySet()) {
                    for (String r : e.getValue().rules) {
                        if (chain.equals(target(Tokens.split(r)))) {
                            throw new IllegalArgumentException("Too many links: chain " + chain + " is referenced by " + e.getKey());
                        }
                    }
                }
                t.remove(chain);
                break;
            }
            default:
                throw new IllegalArgumentException("unknown command " + op);
        }
        return null;
    }

    private static ChainState chain(Map<String, ChainState> t, String chain) {
        ChainState ch = chain == null ? null : t.get(chain);
        if (ch == null) {
            throw new IllegalArgumentException("Chain '" + chain + "' does not exist");
        }
        return ch;
    }

    private String checkedRule(Map<String, ChainState> t, List<String> words) {
        String target = target(words);
        if (target != null && !TARGETS.contains(target) && !t.containsKey(target)) {
            throw new IllegalArgumentException("Chain '" + target + "' does not exist");
        }
        for (int i = 0; i + 1 < words.size(); i++) {
            if (words.get(i).equals("--match-set") && !ipSetExists.test(words.get(i + 1))) {
                throw new IllegalArgumentException("Set " + words.get(i + 1) + " doesn't exist.");
            }
        }
        return canonical(words);
    }

    private static String target(List<String> words) {
        for (int i = 0; i + 1 < words.size(); i++) {
            String w = words.get(i);
            if (w.equals("-j") || w.equals("--jump") || w.equals("-g") || w.equals("--goto")) {
                return words.get(i + 1);
            }
        }
        return null;
    }

    private static String canonicalRule(String rule) {
        return canonical(Tokens.split(rule));
    }

    /** The rule as iptables-save prints it. */
    static String canonical(List<String> words) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            String prev = out.isEmpty() ? "" : out.get(out.size() - 1);
            switch (w) {
                case "--jump": w = "-j"; break;
                case "--goto": w = "-g"; break;
                case "--in-interface": w = "-i"; break;
                case "--out-interface": w = "-o"; break;
                case "--source": case "--src": w = "-s"; break;
                case "--destination": case "--dst": w = "-d"; break;
                case "--protocol": w = "-p"; break;
                case "--destination-ports": w = "--dports"; break;
                case "--source-ports": w = "--sports"; break;
                case "--set-mark": w = "--set-xmark"; break;
                default:
                    if ((prev.equals("-s") || prev.equals("-d")) && !w.contains("/")) {
                        w = w + (w.contains(":") ? "/128" : "/32");
                    } else if ((prev.equals("--mark") || prev.equals("--set-xmark")) && w.startsWith("0/")) {
                        w = "0x0" + w.substring(1);
                    } else if (prev.equals("--comment") || prev.equals("--log-prefix")) {
                        w = "\"" + w + "\"";
                    }
            }
            out.add(w);
        }
        return String.join(" ", out);
    }
}
