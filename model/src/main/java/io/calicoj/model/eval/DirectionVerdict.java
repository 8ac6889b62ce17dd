package io.calicoj.model.eval;

import java.util.Objects;

/**
 * The verdict at one end of a connection: the source endpoint's egress or the destination
 * endpoint's ingress, and what decided it.
 *
 * @param by   the Felix name of the deciding policy or profile, or empty
 * @param rule the index of the deciding rule within that policy's rules for this direction, or -1
 */
public record DirectionVerdict(Outcome outcome, Reason reason, String by, int rule) {

    public enum Outcome { ALLOW, DENY, NOT_POLICED }

    public enum Reason {
        /** A policy rule with action Allow or Deny matched. */
        POLICY_RULE,
        /** Policies apply in this direction but none allowed or passed the packet. */
        END_OF_TIER,
        /** A profile rule matched. */
        PROFILE_RULE,
        /** No policy decided and no profile rule matched. */
        NO_PROFILE_MATCHED,
        /** The endpoint references a profile that does not exist: Felix drops everything. */
        MISSING_PROFILE,
        /** The address is not a Calico workload endpoint, so no policy applies at this end. */
        NOT_AN_ENDPOINT,
        /** Traffic from an endpoint to itself stays inside the pod. */
        LOOPBACK
    }

    public DirectionVerdict {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(by, "by");
    }

    public boolean permits() {
        return outcome != Outcome.DENY;
    }

    @Override
    public String toString() {
        String what = switch (reason) {
            case POLICY_RULE -> "policy " + by + " rule " + rule;
            case END_OF_TIER -> "no policy allowed it (end of tier " + by + ")";
            case PROFILE_RULE -> "profile " + by + " rule " + rule;
            case NO_PROFILE_MATCHED -> "no profile matched";
            case MISSING_PROFILE -> "profile " + by + " does not exist";
            case NOT_AN_ENDPOINT -> "not a Calico endpoint";
            case LOOPBACK -> "loopback";
        };
        return outcome + " (" + what + ")";
    }
}
