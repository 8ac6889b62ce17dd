package io.calicoj.agent.pipeline;

import io.calicoj.datastore.SyncStatus;
import io.calicoj.datastore.Update;
import java.util.List;
import java.util.Objects;

/** What crosses from the datastore thread to the calc thread: immutable. */
sealed interface SyncerEvent {

    record Status(SyncStatus status) implements SyncerEvent {
        public Status {
            Objects.requireNonNull(status, "status");
        }
    }

    record Updates(List<Update> updates) implements SyncerEvent {
        public Updates {
            updates = List.copyOf(updates);
        }
    }
}
