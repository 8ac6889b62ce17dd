package io.calicoj.dataplane.iptables;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** One iptables rule: match, action and free-text comments (written after the hash comment). */
public record Rule(Match match, Action action, List<String> comments) {

    public Rule {
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(action, "action");
        comments = List.copyOf(comments);
    }

    public static Rule of(Match match, Action action) {
        return new Rule(match, action, List.of());
    }

    public static Rule of(Action action) {
        return new Rule(Match.any(), action, List.of());
    }

    public static Rule of(Match match, Action action, String comment) {
        return new Rule(match, action, List.of(comment));
    }

    public static Rule of(Action action, String comment) {
        return new Rule(Match.any(), action, List.of(comment));
    }

    /** The same rule with one more comment. */
    public Rule withComment(String comment) {
        List<String> all = new ArrayList<>(comments);
        all.add(comment);
        return new Rule(match, action, all);
    }
}
