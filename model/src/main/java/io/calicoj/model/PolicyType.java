package io.calicoj.model;

import java.util.Locale;

/** The direction a policy governs. */
public enum PolicyType {
    INGRESS("Ingress"),
    EGRESS("Egress");

    private final String calicoName;

    PolicyType(String calicoName) {
        this.calicoName = calicoName;
    }

    public static PolicyType parse(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        for (PolicyType p : values()) {
            if (p.calicoName.toLowerCase(Locale.ROOT).equals(t)) {
                return p;
            }
        }
        throw new InvalidResourceException("types", text, "must be Ingress or Egress");
    }

    public String calicoName() {
        return calicoName;
    }

    @Override
    public String toString() {
        return calicoName;
    }
}
