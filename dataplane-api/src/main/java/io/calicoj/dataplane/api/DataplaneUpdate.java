package io.calicoj.dataplane.api;

/**
 * A message from the calculation graph to a dataplane, one to one with Felix's {@code ToDataplane}.
 *
 * <p>Ordering contract (the calculation graph's event sequencer guarantees it; every
 * {@link DataplaneDriver} checks it with {@link DataplaneContract}, where the rules are written):
 * an IP set is sent before any rule uses it and removed only after no active policy or profile
 * uses it; a policy or profile is sent before any endpoint lists it and removed only after no
 * endpoint lists it; deltas only name sets already sent; members fit their set's type; only what
 * was sent is removed. The graph promises more, which its own tests check and no dataplane relies
 * on: nothing is sent before {@link InSync} except the batch that {@link InSync} ends,
 * {@link InSync} comes once, and deltas are minimal.
 */
public sealed interface DataplaneUpdate
        permits InSync, ConfigUpdate, IpSetUpdate, IpSetDeltaUpdate, IpSetRemove,
        ActivePolicyUpdate, ActivePolicyRemove, ActiveProfileUpdate, ActiveProfileRemove,
        WorkloadEndpointUpdate, WorkloadEndpointRemove, HostEndpointUpdate, HostEndpointRemove {

    /** Calls the handler method for this message's type. */
    void dispatch(DataplaneUpdateHandler handler);
}
