package io.calicoj.datastore.kubernetes;

import io.calicoj.datastore.Update;
import io.calicoj.model.k8s.KubePod;
import java.util.ArrayList;
import java.util.List;

/** For the benchmark: the syncer's per-type cache, filled by the syncer's own code, without a server. */
public final class SyncerStateProbe {

    private SyncerStateProbe() {
    }

    /**
     * The pod cache exactly as the syncer holds it after listing {@code pods}.
     *
     * @return the cache (keep it reachable while measuring) and how many updates the list produced
     */
    public static Object podCacheAfterListing(List<KubePod> pods, String interfacePrefix) {
        TypeState<KubePod> state = new TypeState<>(WatchedType.pods(interfacePrefix), new ProblemLog());
        List<Update> out = new ArrayList<>();
        state.onListed(pods, out);
        if (out.size() != pods.size()) {
            throw new IllegalStateException("expected " + pods.size() + " endpoints, got " + out.size());
        }
        return state;
    }
}
