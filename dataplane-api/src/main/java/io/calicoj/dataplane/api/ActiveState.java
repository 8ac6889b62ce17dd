package io.calicoj.dataplane.api;

import io.calicoj.model.ResourceKey;
import io.calicoj.model.felix.PolicyId;
import java.util.Map;

/**
 * What a dataplane has been told is active on this node: read-only views that follow the
 * messages as they arrive (before {@link InSync} too).
 */
public interface ActiveState {

    /** IP sets by ID, with their type. */
    Map<String, IpSetType> ipSets();

    Map<PolicyId, ParsedPolicy> policies();

    /** Profiles by name. */
    Map<String, ActiveProfileUpdate> profiles();

    Map<ResourceKey, WorkloadEndpointUpdate> workloadEndpoints();

    Map<ResourceKey, HostEndpointUpdate> hostEndpoints();
}
