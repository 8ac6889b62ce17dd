package io.calicoj.sandbox.conformance;

import java.util.List;

/** A step: actions in order, then one probe. */
public record Step(int number, String description, List<CaseAction> actions, Probe probe) {
    public Step {
        actions = List.copyOf(actions);
    }
}
