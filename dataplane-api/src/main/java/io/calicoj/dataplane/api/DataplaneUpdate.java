package io.calicoj.dataplane.api;

/**
 * A message from the calculation graph to a dataplane, one to one with Felix's {@code ToDataplane}.
 *
 * <p>Ordering contract (the calculation graph's event sequencer guarantees it; dataplanes and
 * their fakes may rely on it and should check it): an IP set is sent before any rule uses it and
 * removed only after no active policy or profile uses it; a policy or profile is sent before any
 * endpoint lists it and removed only after no endpoint lists it; deltas only name sets already
 * sent; nothing is sent before {@link InSync} except the batch that {@link InSync} ends.
 */
public sealed interface DataplaneUpdate
        permits InSync, ConfigUpdate, IpSetUpdate, IpSetDeltaUpdate, IpSetRemove,
        ActivePolicyUpdate, ActivePolicyRemove, ActiveProfileUpdate, ActiveProfileRemove,
        WorkloadEndpointUpdate, WorkloadEndpointRemove, HostEndpointUpdate, HostEndpointRemove {

    /** Calls the handler method for this message's type. */
    void dispatch(DataplaneUpdateHandler handler);
}
