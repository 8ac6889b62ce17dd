package io.calicoj.dataplane.iptables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code iptables-save -t <table>} says about one table, reduced to what the {@link Table}
 * needs: per chain, the hash of each rule ({@code ""} for rules without our hash comment) and, for
 * rules carrying our hash, the rule text (to delete inserted rules by value from chains we do not own).
 */
public record SavedTable(Map<String, List<String>> hashes, Map<String, List<String>> ruleTexts) {

    private static final Pattern CHAIN = Pattern.compile("^:(\\S+)\\s");
    private static final Pattern APPEND = Pattern.compile("^-A (\\S+)");
    private static final Pattern HASH = Pattern.compile("--comment \"?" + Pattern.quote(RuleHashes.HASH_PREFIX)
            + "([a-zA-Z0-9_-]+)\"?");

    public SavedTable {
        hashes = Map.copyOf(hashes);
        ruleTexts = Map.copyOf(ruleTexts);
    }

    /**
     * Parses save output of the one table. A table the installed iptables cannot represent (iptables-nft
     * prints "Table `x' is incompatible" and still exits 0) is an error.
     *
     * @throws IllegalStateException when the output says the table is incompatible
     */
    public static SavedTable parse(String tableName, String saveOutput) {
        Map<String, List<String>> hashes = new LinkedHashMap<>();
        Map<String, List<String>> texts = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : saveOutput.split("\n")) {
            if (line.startsWith("#")) {
                if (line.contains("is incompatible")) {
                    throw new IllegalStateException("iptables-save cannot show table " + tableName
                            + " because it holds rules iptables does not understand: " + line.strip());
                }
                continue;
            }
            if (line.startsWith("*")) {
                inTable = line.substring(1).strip().equals(tableName);
                continue;
            }
            if (!inTable) {
                continue;
            }
            Matcher m = CHAIN.matcher(line);
            if (m.find()) {
                hashes.putIfAbsent(m.group(1), new ArrayList<>());
                continue;
            }
            m = APPEND.matcher(line);
            if (!m.find()) {
                continue;
            }
            String chain = m.group(1);
            Matcher h = HASH.matcher(line);
            String hash = h.find() ? h.group(1) : "";
            hashes.computeIfAbsent(chain, c -> new ArrayList<>()).add(hash);
            texts.computeIfAbsent(chain, c -> new ArrayList<>()).add(hash.isEmpty() ? "" : line.strip());
        }
        return new SavedTable(freeze(hashes), freeze(texts));
    }

    private static Map<String, List<String>> freeze(Map<String, List<String>> m) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return out;
    }
}
