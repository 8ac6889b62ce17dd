package io.calicoj.datastore.kubernetes;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How a {@link KubernetesSyncer} runs.
 *
 * @param interfacePrefix     {@code FELIX_INTERFACEPREFIX}: the host-side veth prefix in workload endpoints
 * @param watchNodes          whether Nodes are listed and watched ({@code false} with {@code K8S_DISABLE_NODE_POLL})
 * @param backoff             retry policy when the API server cannot be reached
 * @param sleeper             how the retry waits pass
 * @param random              jitter source for the backoff
 * @param watchSilenceTimeout a watch with no event and no bookmark for this long is presumed dead
 *                            (API servers send a bookmark about every minute) and is started again
 * @param listTimeout         a LIST not complete after this long is abandoned and tried again (the
 *                            client's request timeout covers only the wait for the response headers)
 */
public record SyncerOptions(String interfacePrefix, boolean watchNodes, Backoff backoff, Sleeper sleeper,
                            RandomGenerator random, Duration watchSilenceTimeout, Duration listTimeout) {

    /** Three missed bookmarks. */
    public static final Duration DEFAULT_WATCH_SILENCE_TIMEOUT = Duration.ofMinutes(3);
    /** Ample for every pod of a large cluster. */
    public static final Duration DEFAULT_LIST_TIMEOUT = Duration.ofMinutes(3);

    public SyncerOptions {
        Objects.requireNonNull(interfacePrefix, "interfacePrefix");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(watchSilenceTimeout, "watchSilenceTimeout");
        Objects.requireNonNull(listTimeout, "listTimeout");
        if (interfacePrefix.isEmpty()) {
            throw new IllegalArgumentException("interfacePrefix: must not be empty");
        }
        if (watchSilenceTimeout.isNegative() || watchSilenceTimeout.isZero()) {
            throw new IllegalArgumentException("watchSilenceTimeout: must be positive, got " + watchSilenceTimeout);
        }
        if (listTimeout.isNegative() || listTimeout.isZero()) {
            throw new IllegalArgumentException("listTimeout: must be positive, got " + listTimeout);
        }
    }

    /** Nodes watched, {@link Backoff#DEFAULT}, real sleeping, the default timeouts. */
    public static SyncerOptions defaults(String interfacePrefix) {
        return new SyncerOptions(interfacePrefix, true, Backoff.DEFAULT, Sleeper.SYSTEM, RandomGenerator.getDefault(),
                DEFAULT_WATCH_SILENCE_TIMEOUT, DEFAULT_LIST_TIMEOUT);
    }

    public SyncerOptions withWatchNodes(boolean watch) {
        return new SyncerOptions(interfacePrefix, watch, backoff, sleeper, random, watchSilenceTimeout, listTimeout);
    }

    public SyncerOptions withBackoff(Backoff newBackoff, Sleeper newSleeper) {
        return new SyncerOptions(interfacePrefix, watchNodes, newBackoff, newSleeper, random, watchSilenceTimeout, listTimeout);
    }

    public SyncerOptions withWatchSilenceTimeout(Duration timeout) {
        return new SyncerOptions(interfacePrefix, watchNodes, backoff, sleeper, random, timeout, listTimeout);
    }

    public SyncerOptions withListTimeout(Duration timeout) {
        return new SyncerOptions(interfacePrefix, watchNodes, backoff, sleeper, random, watchSilenceTimeout, timeout);
    }
}
