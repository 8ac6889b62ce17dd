package io.calicoj.sandbox.conformance;

/** Runs one conformance case. */
public interface CaseRunner {
    CaseResult run(ConformanceCase c);
}
