package io.calicoj.dataplane;

import java.time.Duration;

/** Waits between retries. Tests inject a recording sleeper; production code uses {@link #SYSTEM}. */
@FunctionalInterface
public interface Sleeper {

    /** {@link Thread#sleep}; an interrupt is kept on the thread and ends the wait early. */
    Sleeper SYSTEM = d -> {
        try {
            Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    };

    void sleep(Duration duration);
}
