package io.calicoj.sandbox.conformance;

import java.util.List;

/** How a case went: passed, failed (with what differed), or skipped (with why). */
public record CaseResult(ConformanceCase testCase, String title, Outcome outcome, List<String> details) {

    public enum Outcome { PASS, FAIL, SKIP }

    public CaseResult {
        details = List.copyOf(details);
    }

    /** The line a runner prints for it. */
    public String line() {
        String head = outcome + " " + title;
        if (details.isEmpty()) {
            return head;
        }
        return head + ": " + String.join("; ", details);
    }
}
