package io.calicoj.dataplane.iptables;

import java.util.List;
import java.util.Objects;

/** A chain we own: its name and its rules, in order. */
public record Chain(String name, List<Rule> rules) {

    /** iptables' limit on chain names (Felix's {@code MaxChainNameLength}). */
    public static final int MAX_NAME_LENGTH = 28;

    public Chain {
        Objects.requireNonNull(name, "name");
        rules = List.copyOf(rules);
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("chain name must be 1-" + MAX_NAME_LENGTH + " characters: " + name);
        }
    }

    public static Chain of(String name, Rule... rules) {
        return new Chain(name, List.of(rules));
    }

    /** Felix's per-rule hashes ({@link RuleHashes}): one 16-character hash per rule. */
    public List<String> hashes() {
        return RuleHashes.of(name, rules);
    }
}
