package io.calicoj.datastore.kubernetes;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long to wait before retrying after consecutive failures: {@code initial}, doubling with
 * each further failure up to {@code max}, then stretched by a random fraction of up to
 * {@code jitter} so that many agents that lost the same API server do not all come back at once.
 */
public record Backoff(Duration initial, Duration max, double jitter) {

    /** 0.5 s doubling to 30 s, plus up to 50 %. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 0.5);

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial: must be positive, got " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max: must be at least initial (" + initial + "), got " + max);
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter: must be between 0 and 1, got " + jitter);
        }
    }

    /**
     * The wait after the {@code failures}-th consecutive failure (1 for the first).
     *
     * @param random source of the jitter, in [0, 1)
     */
    public Duration delay(int failures, RandomGenerator random) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures: must be at least 1, got " + failures);
        }
        Duration base = max;
        if (failures <= 31) {
            long nanos = initial.toNanos();
            long scaled = nanos << (failures - 1);
            if ((scaled >> (failures - 1)) == nanos && scaled < max.toNanos()) {
                base = Duration.ofNanos(scaled);
            }
        }
        if (jitter == 0) {
            return base;
        }
        return base.plusNanos((long) (base.toNanos() * jitter * random.nextDouble()));
    }
}
