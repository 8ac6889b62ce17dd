package io.calicoj.calc;

import io.calicoj.dataplane.api.DataplaneUpdate;
import java.util.List;

/** Where the calculation graph sends its output: one call per flush, on the calc thread. */
@FunctionalInterface
public interface DataplaneUpdateSink {

    /**
     * One flush's coalesced messages, in the order of the {@link DataplaneUpdate} ordering
     * contract. Never empty; the list is immutable and may be handed to another thread.
     */
    void onBatch(List<DataplaneUpdate> batch);
}
