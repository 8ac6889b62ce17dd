package io.calicoj.datastore.kubernetes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A {@link Sleeper} that records every requested wait and holds the caller until the test lets
 * it go: one round at a time ({@link #release()}) or for good ({@link #open()}). No time passes.
 */
final class GatedSleeper implements Sleeper {

    /** One requested wait, and by which thread. */
    record Wait(String thread, Duration duration) {
    }

    private final List<Wait> waits = new ArrayList<>();
    private long round;
    private boolean open;

    @Override
    public synchronized void sleep(Duration duration) throws InterruptedException {
        waits.add(new Wait(Thread.currentThread().getName(), duration));
        notifyAll();
        long myRound = round;
        while (!open && round == myRound) {
            wait();
        }
    }

    /** Lets every waiting caller go once; they wait again at their next sleep. */
    synchronized void release() {
        round++;
        notifyAll();
    }

    /** Lets every caller go, now and from now on. */
    synchronized void open() {
        open = true;
        notifyAll();
    }

    /** Waits (up to 30 s) until {@code count} waits were requested in all. */
    synchronized void awaitWaits(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (waits.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " waits, got " + waits);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** The waits requested by each thread, in order, in milliseconds. */
    synchronized Map<String, List<Long>> waitsByThread() {
        return waits.stream().collect(Collectors.groupingBy(Wait::thread,
                Collectors.mapping(w -> w.duration().toMillis(), Collectors.toList())));
    }
}
