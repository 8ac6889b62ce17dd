package io.calicoj.dataplane.testing;

import java.util.ArrayList;
import java.util.List;

/** Splits a restore line into words, honouring double quotes (quotes removed). */
final class Tokens {

    private Tokens() {
    }

    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inQuotes = false;
        boolean have = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                inQuotes = !inQuotes;
                have = true;
            } else if (Character.isWhitespace(c) && !inQuotes) {
                if (have) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    have = false;
                }
            } else {
                cur.append(c);
                have = true;
            }
        }
        if (inQuotes) {
            throw new IllegalArgumentException("unterminated quote");
        }
        if (have) {
            out.add(cur.toString());
        }
        return out;
    }
}
