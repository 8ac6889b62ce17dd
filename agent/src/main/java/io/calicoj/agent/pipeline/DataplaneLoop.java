package io.calicoj.agent.pipeline;

import io.calicoj.agent.health.HealthAggregator;
import io.calicoj.agent.metrics.AgentMetrics;
import io.calicoj.dataplane.ProblemLog;
import io.calicoj.dataplane.api.ActiveState;
import io.calicoj.dataplane.api.DataplaneDriver;
import io.calicoj.dataplane.api.DataplaneProblem;
import io.calicoj.dataplane.api.DataplaneProblems;
import io.calicoj.dataplane.api.DataplaneProgrammingException;
import io.calicoj.dataplane.api.DataplaneUpdate;
import io.calicoj.dataplane.api.DataplaneUpdates;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dataplane thread: applies the calculation graph's batches to the kernel. Batches waiting
 * together are fed in before one apply; the driver says when to apply again (refresh timers,
 * post-write checks). A failed apply (after the driver's own retries), whatever the exception, is
 * retried with growing delays while the agent reports not ready; the kernel keeps the rules it has
 * (nothing is ever flushed on failure or exit). A message the driver cannot take is set aside
 * (logged with its subject once per distinct error, counted in {@code felix_int_dataplane_problems})
 * and the rest of the batch goes on; the driver leaves what it concerns fail-closed. No runtime
 * exception ends the thread. Owns the driver (confined to this thread); the active-state metrics are
 * read from what the driver has been told.
 */
final class DataplaneLoop implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(DataplaneLoop.class);
    private static final Duration MAX_WAIT = Duration.ofSeconds(5);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final BlockingQueue<List<DataplaneUpdate>> input;
    private final DataplaneDriver driver;
    private final HealthAggregator.Reporter health;
    private final AgentMetrics metrics;
    private final InstantSource clock;
    private final DataplaneProblems problems;
    private volatile boolean stopped;
    private Instant nextApply;
    private Duration backoff = Duration.ZERO;
    private boolean lastApplySucceeded;
    /** The last unexpected (non-programming) exception of an apply, logged with its stack once. */
    private String lastUnexpected = "";

    DataplaneLoop(BlockingQueue<List<DataplaneUpdate>> input, DataplaneDriver driver, HealthAggregator.Reporter health,
                  AgentMetrics metrics, InstantSource clock) {
        this.input = input;
        this.driver = driver;
        this.health = health;
        this.metrics = metrics;
        this.clock = clock;
        this.problems = new ProblemLog().and(p -> metrics.dataplaneProblem(p.kind(), p.subject()));
        this.nextApply = clock.instant().plus(MAX_WAIT);
    }

    void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        health.report(true, false, "waiting for the first in-sync batch");
        while (!stopped) {
            try {
                long waitMs = Math.max(0, Math.min(Duration.between(clock.instant(), nextApply).toMillis(), MAX_WAIT.toMillis()));
                List<DataplaneUpdate> batch = input.poll(waitMs, TimeUnit.MILLISECONDS);
                boolean changed = false;
                while (batch != null) {
                    feed(batch);
                    changed = true;
                    batch = input.poll();
                }
                if (changed || !clock.instant().isBefore(nextApply)) {
                    apply();
                }
                boolean ready = driver.inSync() && lastApplySucceeded;
                health.report(true, ready, ready ? "in sync and programmed" : driver.inSync()
                        ? "programming the dataplane failed; retrying" : "waiting for the datastore to be in sync");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // Not from the driver (those are handled below): the loop goes on, the next apply retries.
                log.error("dataplane loop: unexpected error, going on", e);
                lastApplySucceeded = false;
            }
        }
    }

    private void feed(List<DataplaneUpdate> batch) {
        Map<String, Integer> byType = new HashMap<>();
        for (DataplaneUpdate u : batch) {
            byType.merge(u.getClass().getSimpleName(), 1, Integer::sum);
            try {
                driver.onUpdate(u);
            } catch (RuntimeException e) {
                log.debug("{} set aside", u, e);
                problems.report(new DataplaneProblem.UpdateSetAside(u.getClass().getSimpleName(), DataplaneUpdates.subject(u),
                        String.valueOf(e)));
            }
        }
        metrics.dataplaneBatch(byType, batch.size());
        ActiveState active = driver.active();
        metrics.activeLocal(active.workloadEndpoints().size(), active.policies().size(), active.ipSets().size());
    }

    private void apply() {
        long start = System.nanoTime();
        try {
            Duration again = driver.apply();
            if (driver.inSync()) {
                metrics.dataplaneApplyTime(Duration.ofNanos(System.nanoTime() - start));
                if (!lastApplySucceeded) {
                    log.info("dataplane programmed");
                    problems.resolved("apply-failed", "dataplane");
                }
                lastApplySucceeded = true;
            }
            backoff = Duration.ZERO;
            nextApply = clock.instant().plus(again);
        } catch (RuntimeException e) {
            metrics.dataplaneFailure();
            lastApplySucceeded = false;
            backoff = backoff.isZero() ? Duration.ofSeconds(1) : backoff.multipliedBy(2);
            if (backoff.compareTo(MAX_BACKOFF) > 0) {
                backoff = MAX_BACKOFF;
            }
            log.debug("programming the dataplane failed; retrying in {} s", backoff.toSeconds(), e);
            if (!(e instanceof DataplaneProgrammingException) && !lastUnexpected.equals(String.valueOf(e))) {
                lastUnexpected = String.valueOf(e);
                log.error("unexpected error programming the dataplane", e);
            }
            problems.report(new DataplaneProblem.ApplyFailed(e instanceof DataplaneProgrammingException ? e.getMessage()
                    : String.valueOf(e)));
            nextApply = clock.instant().plus(backoff);
        }
    }
}
