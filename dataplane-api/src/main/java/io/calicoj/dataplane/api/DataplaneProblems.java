package io.calicoj.dataplane.api;

/**
 * Where a dataplane reports its {@link DataplaneProblem}s (the agent logs each distinct one once and
 * counts them in a metric). Called on the dataplane's thread.
 */
public interface DataplaneProblems {

    /** Reports nothing. */
    DataplaneProblems NONE = new DataplaneProblems() {
        @Override
        public void report(DataplaneProblem problem) {
        }
    };

    /** A problem happened (again): reported on every occurrence, so counts are counts of occurrences. */
    void report(DataplaneProblem problem);

    /** The problem of this kind and subject is over (the set or chain was programmed after all, the member left). */
    default void resolved(String kind, String subject) {
    }

    /** Both, this one first. */
    default DataplaneProblems and(DataplaneProblems other) {
        DataplaneProblems first = this;
        return new DataplaneProblems() {
            @Override
            public void report(DataplaneProblem problem) {
                first.report(problem);
                other.report(problem);
            }

            @Override
            public void resolved(String kind, String subject) {
                first.resolved(kind, subject);
                other.resolved(kind, subject);
            }
        };
    }
}
