package io.calicoj.model;

import java.util.Map;
import java.util.Objects;

/**
 * Felix configuration stored in the datastore: {@code default} is global, {@code node.<name>}
 * applies to one node. The spec maps Felix's v3 field names ({@code logSeverityScreen},
 * {@code iptablesRefreshInterval}, …) to their values as text.
 */
public record FelixConfiguration(ObjectMeta metadata, Map<String, String> spec) implements Resource {

    public FelixConfiguration {
        Objects.requireNonNull(metadata, "metadata");
        spec = Map.copyOf(spec);
        Resource.checkScope(ResourceKind.FELIX_CONFIGURATION, metadata);
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.FELIX_CONFIGURATION;
    }
}
