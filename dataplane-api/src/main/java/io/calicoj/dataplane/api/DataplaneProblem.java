package io.calicoj.dataplane.api;

import java.util.Objects;

/**
 * Something a dataplane could not do as it was told, reported after it fell back to a fail-closed
 * state for what it concerns (a member left out of its set, a chain that drops everything, an
 * endpoint whose traffic is dropped). {@link #kind()} and {@link #subject()} name it for metrics and
 * for logging each distinct problem once; {@link #detail()} says what went wrong (possibly long:
 * loggers truncate it).
 */
public sealed interface DataplaneProblem {

    /** What kind of problem, a short fixed word for a metric label ({@code ipset-member-refused}, …). */
    String kind();

    /** What it concerns: an IP set ID, a chain name, a message's subject. */
    String subject();

    /** What went wrong. */
    String detail();

    /**
     * A member the kernel would refuse (such as {@code 0.0.0.0} in a {@code hash:ip} set) was left out
     * of its set: rules that use the set are rendered so that a missing member never allows more.
     */
    record IpSetMemberRefused(String setId, String member, String reason) implements DataplaneProblem {
        public IpSetMemberRefused {
            Objects.requireNonNull(setId, "setId");
            Objects.requireNonNull(member, "member");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String kind() {
            return "ipset-member-refused";
        }

        @Override
        public String subject() {
            return setId;
        }

        @Override
        public String detail() {
            return "member " + member + " left out of IP set " + setId + ": " + reason;
        }
    }

    /**
     * An IP set could not be programmed (the kernel refused its restore even alone): no rule
     * refers to it until it is; the rules that did fail closed.
     */
    record IpSetNotProgrammed(String setId, String error) implements DataplaneProblem {
        public IpSetNotProgrammed {
            Objects.requireNonNull(setId, "setId");
            Objects.requireNonNull(error, "error");
        }

        @Override
        public String kind() {
            return "ipset-failed";
        }

        @Override
        public String subject() {
            return setId;
        }

        @Override
        public String detail() {
            return "IP set " + setId + " could not be programmed: " + error;
        }
    }

    /** A chain could not be programmed as desired: it drops every packet until it can be. */
    record ChainNotProgrammed(String table, String chain, String error) implements DataplaneProblem {
        public ChainNotProgrammed {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(chain, "chain");
            Objects.requireNonNull(error, "error");
        }

        @Override
        public String kind() {
            return "chain-failed";
        }

        @Override
        public String subject() {
            return chain;
        }

        @Override
        public String detail() {
            return "chain " + chain + " of table " + table + " could not be programmed, it drops everything instead: " + error;
        }
    }

    /**
     * A message could not be taken (it broke the ordering contract, or handling it threw): it was
     * set aside and what it concerns is left fail-closed until a later message replaces it.
     *
     * @param subject the message's subject ({@link DataplaneUpdates#subject}), e.g. {@code WorkloadEndpoint(ns/name)}
     * @param type    the message's type, e.g. {@code WorkloadEndpointUpdate}
     */
    record UpdateSetAside(String type, String subject, String error) implements DataplaneProblem {
        public UpdateSetAside {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(error, "error");
        }

        @Override
        public String kind() {
            return "update-set-aside";
        }

        @Override
        public String detail() {
            return type + " of " + subject + " set aside, what it concerns fails closed: " + error;
        }
    }

    /**
     * Programming the kernel failed as a whole (after the dataplane's own retries and fallbacks, or
     * with an unexpected exception): the kernel keeps what it had and the agent retries.
     */
    record ApplyFailed(String error) implements DataplaneProblem {
        public ApplyFailed {
            Objects.requireNonNull(error, "error");
        }

        @Override
        public String kind() {
            return "apply-failed";
        }

        @Override
        public String subject() {
            return "dataplane";
        }

        @Override
        public String detail() {
            return "programming the dataplane failed (the kernel keeps its rules; retrying): " + error;
        }
    }
}
