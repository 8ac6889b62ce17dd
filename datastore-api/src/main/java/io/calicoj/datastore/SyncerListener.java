package io.calicoj.datastore;

import java.util.List;

/**
 * Receives a syncer's output. A syncer calls its one listener from one thread at a time, in
 * order, so the listener needs no locking.
 */
public interface SyncerListener {

    void onStatusUpdated(SyncStatus status);

    /** A batch of changes, in order. Never empty. */
    void onUpdates(List<Update> updates);
}
