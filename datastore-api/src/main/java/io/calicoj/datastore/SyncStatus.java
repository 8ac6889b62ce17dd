package io.calicoj.datastore;

/** Where a syncer is: waiting for the datastore, (re)listing, or streaming changes on a complete view. */
public enum SyncStatus {
    /** Not connected yet, or the datastore is unreachable. */
    WAIT_FOR_DATASTORE,
    /** Listing (again): the view is incomplete until {@link #IN_SYNC}. */
    RESYNC_IN_PROGRESS,
    /** Every resource type has been listed; updates from here on are live changes. */
    IN_SYNC
}
