package io.calicoj.dataplane.api;

/**
 * One method per message type, each a no-op by default: a consumer overrides what it handles.
 * Adding a message type adds a method here, so every consumer is checked by the compiler.
 */
public interface DataplaneUpdateHandler {
    default void onInSync(InSync m) { }
    default void onConfigUpdate(ConfigUpdate m) { }
    default void onIpSetUpdate(IpSetUpdate m) { }
    default void onIpSetDeltaUpdate(IpSetDeltaUpdate m) { }
    default void onIpSetRemove(IpSetRemove m) { }
    default void onActivePolicyUpdate(ActivePolicyUpdate m) { }
    default void onActivePolicyRemove(ActivePolicyRemove m) { }
    default void onActiveProfileUpdate(ActiveProfileUpdate m) { }
    default void onActiveProfileRemove(ActiveProfileRemove m) { }
    default void onWorkloadEndpointUpdate(WorkloadEndpointUpdate m) { }
    default void onWorkloadEndpointRemove(WorkloadEndpointRemove m) { }
    default void onHostEndpointUpdate(HostEndpointUpdate m) { }
    default void onHostEndpointRemove(HostEndpointRemove m) { }
}
