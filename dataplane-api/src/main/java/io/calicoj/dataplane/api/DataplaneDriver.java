package io.calicoj.dataplane.api;

import java.time.Duration;

/**
 * A dataplane as the agent's dataplane thread drives it: it takes the calculation graph's messages
 * one by one, then {@link #apply()} brings the kernel in line with them, and is called again at the
 * latest after the duration it returns (refresh timers, post-write checks, retries).
 *
 * <p>Every implementation passes each message through a {@link DataplaneContract} before acting on
 * it, so all refuse the same streams ({@code DataplaneDriverContract}, in this module's test-jar, is
 * the specification they are tested against). Single-threaded: the caller owns the thread.
 */
public interface DataplaneDriver {

    /**
     * Takes one message; nothing reaches the kernel before {@link #apply()}. A message that cannot be
     * taken throws, and the caller sets it aside and goes on with the next (one the contract refused has
     * changed nothing there); a driver that programs a kernel leaves what the message concerns
     * fail-closed until a later message replaces it.
     *
     * @throws DataplaneContractException when the message breaks the ordering contract
     */
    void onUpdate(DataplaneUpdate update);

    /** Whether {@link InSync} has arrived: before it, {@link #apply()} writes nothing. */
    boolean inSync();

    /**
     * Programs what the messages so far describe (nothing before {@link InSync}).
     *
     * @return when to call again at the latest
     * @throws DataplaneProgrammingException when writing kept failing (what could be written was); calling again retries
     */
    Duration apply();

    /** What this dataplane has been told is active, as read-only views. */
    ActiveState active();
}
