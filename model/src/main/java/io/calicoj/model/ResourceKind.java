package io.calicoj.model;

import java.util.Locale;

/** The Calico v3 resource kinds Calico/J knows. */
public enum ResourceKind {
    NETWORK_POLICY("NetworkPolicy", true),
    GLOBAL_NETWORK_POLICY("GlobalNetworkPolicy", false),
    PROFILE("Profile", false),
    WORKLOAD_ENDPOINT("WorkloadEndpoint", true),
    HOST_ENDPOINT("HostEndpoint", false),
    NODE("Node", false),
    IP_POOL("IPPool", false),
    FELIX_CONFIGURATION("FelixConfiguration", false);

    /** The API group and version of every kind. */
    public static final String API_VERSION = "projectcalico.org/v3";

    private final String kindName;
    private final boolean namespaced;

    ResourceKind(String kindName, boolean namespaced) {
        this.kindName = kindName;
        this.namespaced = namespaced;
    }

    /** The {@code kind:} value, e.g. {@code NetworkPolicy}. */
    public String kindName() {
        return kindName;
    }

    public boolean namespaced() {
        return namespaced;
    }

    /** Looks a kind up by its {@code kind:} value, ignoring case. */
    public static ResourceKind fromKindName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (ResourceKind k : values()) {
            if (k.kindName.toLowerCase(Locale.ROOT).equals(n)) {
                return k;
            }
        }
        throw new InvalidResourceException("kind", name, "unknown Calico resource kind");
    }

    @Override
    public String toString() {
        return kindName;
    }
}
