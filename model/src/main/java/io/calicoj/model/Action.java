package io.calicoj.model;

import java.util.Locale;

/** What a matching rule does. */
public enum Action {
    /** Accept the packet; stop evaluating. */
    ALLOW("Allow"),
    /** Drop the packet; stop evaluating. */
    DENY("Deny"),
    /** Log the packet and carry on with the next rule. */
    LOG("Log"),
    /** Skip the remaining policies and go to the endpoint's profiles. */
    PASS("Pass");

    private final String calicoName;

    Action(String calicoName) {
        this.calicoName = calicoName;
    }

    /** Parses {@code Allow}, {@code allow}, … ({@code next-tier} is the old name of {@code Pass}). */
    public static Action parse(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        for (Action a : values()) {
            if (a.calicoName.toLowerCase(Locale.ROOT).equals(t)) {
                return a;
            }
        }
        if (t.equals("next-tier")) {
            return PASS;
        }
        throw new InvalidResourceException("action", text, "must be one of Allow, Deny, Log, Pass");
    }

    /** Calico's v3 spelling ({@code Allow}). */
    public String calicoName() {
        return calicoName;
    }

    @Override
    public String toString() {
        return calicoName;
    }
}
