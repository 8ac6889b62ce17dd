package io.calicoj.model.felix;

import io.calicoj.model.Rule;
import io.calicoj.model.selector.Selector;
import java.util.Objects;

/**
 * A rule with its selectors as Felix evaluates them: scoped to the policy's namespace, namespace
 * selectors folded in. A {@code null} selector does not constrain. Every other field is read
 * from {@link #rule()}.
 */
public record FelixRule(Rule rule, Selector srcSelector, Selector notSrcSelector, Selector dstSelector,
                        Selector notDstSelector) {

    public FelixRule {
        Objects.requireNonNull(rule, "rule");
    }
}
