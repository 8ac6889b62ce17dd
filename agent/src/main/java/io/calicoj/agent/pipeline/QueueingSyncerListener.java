package io.calicoj.agent.pipeline;

import io.calicoj.datastore.SyncStatus;
import io.calicoj.datastore.SyncerListener;
import io.calicoj.datastore.Update;
import java.util.List;
import java.util.concurrent.BlockingQueue;

/**
 * The syncer's listener: hands each callback to the calc thread through a bounded queue. When
 * the calc thread falls behind, the syncer's thread waits (back-pressure on the watch streams).
 */
final class QueueingSyncerListener implements SyncerListener {

    private final BlockingQueue<SyncerEvent> queue;

    QueueingSyncerListener(BlockingQueue<SyncerEvent> queue) {
        this.queue = queue;
    }

    @Override
    public void onStatusUpdated(SyncStatus status) {
        put(new SyncerEvent.Status(status));
    }

    @Override
    public void onUpdates(List<Update> updates) {
        put(new SyncerEvent.Updates(updates));
    }

    private void put(SyncerEvent e) {
        try {
            queue.put(e);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
