package io.calicoj.calc;

import io.calicoj.model.EndpointPort;
import io.calicoj.model.HostEndpoint;
import io.calicoj.model.IpAddress;
import io.calicoj.model.Resource;
import io.calicoj.model.ResourceKey;
import io.calicoj.model.WorkloadEndpoint;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A workload or host endpoint as the graph sees it.
 *
 * @param resource   the {@link WorkloadEndpoint} or {@link HostEndpoint} itself, for the dataplane message
 * @param node       the node it lives on
 * @param labels     its own labels, as selectors see them (before profile inheritance)
 * @param profileIds its profiles, in order (label inheritance and profile rules follow this order)
 * @param addresses  its addresses (IP set members)
 * @param ports      its named ports
 */
record EndpointData(Resource resource, String node, Map<String, String> labels, List<String> profileIds,
                    List<IpAddress> addresses, List<EndpointPort> ports) {

    EndpointData {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(node, "node");
        labels = Map.copyOf(labels);
        profileIds = List.copyOf(profileIds);
        addresses = List.copyOf(addresses);
        ports = List.copyOf(ports);
    }

    ResourceKey key() {
        return resource.key();
    }

    boolean isHostEndpoint() {
        return resource instanceof HostEndpoint;
    }

    /** Whether {@code other} has the same labels, profiles, addresses and ports (what selectors and IP sets see). */
    boolean sameMembershipAs(EndpointData other) {
        return other != null && labels.equals(other.labels) && profileIds.equals(other.profileIds)
                && addresses.equals(other.addresses) && ports.equals(other.ports);
    }
}
