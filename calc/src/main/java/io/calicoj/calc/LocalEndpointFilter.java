package io.calicoj.calc;

import io.calicoj.model.ResourceKey;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes on only this node's endpoints (Felix's hostname filter). An endpoint that moves to
 * another node is passed on as removed.
 *
 * <p>Not thread-safe; confined to the calc thread.
 */
final class LocalEndpointFilter implements EndpointListener {

    private static final Logger log = LoggerFactory.getLogger(LocalEndpointFilter.class);

    private final String hostname;
    private final List<EndpointListener> listeners;
    private final Set<ResourceKey> local = new HashSet<>();

    /** @param hostname this node's name ({@code FELIX_FELIXHOSTNAME}) */
    LocalEndpointFilter(String hostname, List<? extends EndpointListener> listeners) {
        this.hostname = Objects.requireNonNull(hostname, "hostname");
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void onEndpointUpdate(EndpointData endpoint) {
        if (endpoint.node().equals(hostname)) {
            if (local.add(endpoint.key())) {
                log.atInfo().addKeyValue("endpoint", endpoint.key()).log("Local endpoint added");
            }
            for (EndpointListener l : listeners) {
                l.onEndpointUpdate(endpoint);
            }
        } else {
            onEndpointRemoved(endpoint.key());
        }
    }

    @Override
    public void onEndpointRemoved(ResourceKey key) {
        if (!local.remove(key)) {
            return;
        }
        log.atInfo().addKeyValue("endpoint", key).log("Local endpoint removed");
        for (EndpointListener l : listeners) {
            l.onEndpointRemoved(key);
        }
    }
}
