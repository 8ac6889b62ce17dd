package io.calicoj.calc;

import io.calicoj.model.FelixConfiguration;
import io.calicoj.model.ResourceKey;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Merges the datastore's Felix configuration: {@code FelixConfiguration default} overlaid with
 * {@code node.<this node>} (Felix's {@code ConfigBatcher}). Sends the merged map once in sync
 * (even when empty, so the agent learns it is complete) and then whenever it changes.
 *
 * <p>Not thread-safe; confined to the calc thread.
 */
final class ConfigBatcher {

    static final String GLOBAL = "default";

    private final String nodeConfigName;
    private final ConfigListener listener;
    private Map<String, String> global = Map.of();
    private Map<String, String> node = Map.of();
    private Map<String, String> sent;
    private boolean inSync;

    ConfigBatcher(String hostname, ConfigListener listener) {
        this.nodeConfigName = "node." + Objects.requireNonNull(hostname, "hostname");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    void onFelixConfiguration(FelixConfiguration config) {
        set(config.metadata().name(), config.spec());
    }

    void onDeletion(ResourceKey key) {
        set(key.name(), Map.of());
    }

    void onInSync() {
        inSync = true;
        maybeSend();
    }

    private void set(String name, Map<String, String> spec) {
        if (name.equals(GLOBAL)) {
            global = spec;
        } else if (name.equals(nodeConfigName)) {
            node = spec;
        } else {
            return;
        }
        maybeSend();
    }

    private void maybeSend() {
        if (!inSync) {
            return;
        }
        Map<String, String> merged = new HashMap<>(global);
        merged.putAll(node);
        if (!merged.equals(sent)) {
            sent = Map.copyOf(merged);
            listener.onConfigUpdate(sent);
        }
    }
}
