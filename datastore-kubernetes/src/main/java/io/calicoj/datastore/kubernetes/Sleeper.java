package io.calicoj.datastore.kubernetes;

import java.time.Duration;

/** Waits: the syncer's only way to pass time, so tests can see (and skip) its backoff. */
@FunctionalInterface
public interface Sleeper {

    /** {@link Thread#sleep}. */
    Sleeper SYSTEM = d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);

    void sleep(Duration duration) throws InterruptedException;
}
