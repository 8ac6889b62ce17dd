package io.calicoj.dataplane.ipsets;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The sets {@code ipset save} printed: per name, its header and its members (canonical text). */
public final class SavedIpSets {

    /** A set's type, family ({@code inet}/{@code inet6}) and maximum size. */
    public record Header(String type, String family, int maxElements) {
        public Header {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(family, "family");
        }
    }

    /** One saved set. */
    public record SavedSet(Header header, Set<String> members) {
    }

    private SavedIpSets() {
    }

    /**
     * Parses {@code create <name> <type> family <f> … maxelem <n> …} and {@code add <name> <member>} lines.
     */
    public static Map<String, SavedSet> parse(String saveOutput) {
        Map<String, Header> headers = new LinkedHashMap<>();
        Map<String, Set<String>> members = new LinkedHashMap<>();
        for (String line : saveOutput.split("\n")) {
            String[] w = line.strip().split("\\s+");
            if (w.length >= 3 && w[0].equals("create")) {
                String family = "inet";
                int max = 65536;
                for (int i = 3; i + 1 < w.length; i++) {
                    if (w[i].equals("family")) {
                        family = w[i + 1];
                    } else if (w[i].equals("maxelem")) {
                        max = Integer.parseInt(w[i + 1]);
                    }
                }
                headers.put(w[1], new Header(w[2], family, max));
                members.put(w[1], new HashSet<>());
            } else if (w.length >= 3 && w[0].equals("add")) {
                Header h = headers.get(w[1]);
                if (h != null) {
                    members.get(w[1]).add(IpSetMembers.canonical(h.type(), w[2]));
                }
            }
        }
        Map<String, SavedSet> out = new LinkedHashMap<>();
        headers.forEach((name, h) -> out.put(name, new SavedSet(h, members.get(name))));
        return out;
    }
}
