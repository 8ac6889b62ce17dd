package io.calicoj.dataplane.api;

/** The datastore is in sync and everything it implies has been sent: the dataplane may now program the kernel. */
public record InSync() implements DataplaneUpdate {
    @Override
    public void dispatch(DataplaneUpdateHandler h) {
        h.onInSync(this);
    }
}
