package io.calicoj.dataplane.api;

import java.util.Map;

/** The merged Felix configuration (parameter name → value) from the datastore. */
public record ConfigUpdate(Map<String, String> config) implements DataplaneUpdate {
    public ConfigUpdate {
        config = Map.copyOf(config);
    }

    @Override
    public void dispatch(DataplaneUpdateHandler h) {
        h.onConfigUpdate(this);
    }
}
