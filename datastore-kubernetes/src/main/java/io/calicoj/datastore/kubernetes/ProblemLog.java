package io.calicoj.datastore.kubernetes;

import io.calicoj.model.ResourceKey;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last problem of each object that could not be converted (or only in part), keyed by its
 * Calico key. A problem is logged at WARN when it appears or changes, not again while it
 * persists, and at INFO when it is gone. Written by the syncer thread, readable from any thread.
 */
final class ProblemLog {

    private static final Logger log = LoggerFactory.getLogger(KubernetesSyncer.class);

    private final Map<ResourceKey, String> problems = new ConcurrentHashMap<>();

    void report(ResourceKey key, String problem, boolean skipped) {
        String previous = problems.put(key, problem);
        if (problem.equals(previous)) {
            log.debug("Still invalid: {}: {}", key, problem);
        } else if (skipped) {
            log.warn("Skipping {}, treated as deleted: {}", key, problem);
        } else {
            log.warn("Converted {} only in part: {}", key, problem);
        }
    }

    void clear(ResourceKey key) {
        if (problems.remove(key) != null) {
            log.info("{} is valid again", key);
        }
    }

    /** Problem by key, sorted by key. */
    Map<ResourceKey, String> snapshot() {
        return Collections.unmodifiableMap(new TreeMap<>(problems));
    }
}
