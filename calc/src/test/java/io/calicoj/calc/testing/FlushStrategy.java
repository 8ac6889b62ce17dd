package io.calicoj.calc.testing;

/** When a scenario run flushes the graph (Felix's four flush strategies). */
public enum FlushStrategy {
    /** In sync from the first update; flush after every update. */
    AFTER_EACH_UPDATE,
    /** As {@link #AFTER_EACH_UPDATE}, and then send every update a second time and flush again. */
    AFTER_EACH_UPDATE_DUPLICATED,
    /** In sync after the first state; flush after each state. */
    AFTER_EACH_STATE,
    /** In sync and one flush at the very end. */
    AT_END
}
