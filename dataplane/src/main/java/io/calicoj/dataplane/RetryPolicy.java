package io.calicoj.dataplane;

import java.time.Duration;
import java.util.Objects;

/**
 * How often a kernel write is retried and how long to wait between tries: {@code retries} more
 * attempts after the first, the wait starting at {@code firstBackoff} and doubling (Felix: 10
 * retries from 1 ms for iptables).
 */
public record RetryPolicy(int retries, Duration firstBackoff) {

    public static final RetryPolicy IPTABLES = new RetryPolicy(10, Duration.ofMillis(1));
    public static final RetryPolicy IPSETS = new RetryPolicy(3, Duration.ofMillis(100));
    public static final RetryPolicy READS = new RetryPolicy(3, Duration.ofMillis(100));

    public RetryPolicy {
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative: " + retries);
        }
    }

    /** The wait before retry number {@code retry} (0-based). */
    public Duration backoff(int retry) {
        return firstBackoff.multipliedBy(1L << Math.min(retry, 30));
    }
}
