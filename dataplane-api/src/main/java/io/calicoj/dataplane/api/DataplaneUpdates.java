package io.calicoj.dataplane.api;

/** What a {@link DataplaneUpdate} is about, for logs, metrics and problem reports. */
public final class DataplaneUpdates {

    private DataplaneUpdates() {
    }

    /**
     * The message's subject: {@code IP set <id>}, {@code policy <tier>/<name>}, {@code profile <name>},
     * the endpoint's key ({@code WorkloadEndpoint(ns/name)}), or the message type for
     * {@link InSync} and {@link ConfigUpdate}.
     */
    public static String subject(DataplaneUpdate update) {
        StringBuilder out = new StringBuilder();
        update.dispatch(new DataplaneUpdateHandler() {
            @Override
            public void onInSync(InSync m) {
                out.append("InSync");
            }

            @Override
            public void onConfigUpdate(ConfigUpdate m) {
                out.append("ConfigUpdate");
            }

            @Override
            public void onIpSetUpdate(IpSetUpdate m) {
                out.append("IP set ").append(m.id());
            }

            @Override
            public void onIpSetDeltaUpdate(IpSetDeltaUpdate m) {
                out.append("IP set ").append(m.id());
            }

            @Override
            public void onIpSetRemove(IpSetRemove m) {
                out.append("IP set ").append(m.id());
            }

            @Override
            public void onActivePolicyUpdate(ActivePolicyUpdate m) {
                out.append("policy ").append(m.id());
            }

            @Override
            public void onActivePolicyRemove(ActivePolicyRemove m) {
                out.append("policy ").append(m.id());
            }

            @Override
            public void onActiveProfileUpdate(ActiveProfileUpdate m) {
                out.append("profile ").append(m.name());
            }

            @Override
            public void onActiveProfileRemove(ActiveProfileRemove m) {
                out.append("profile ").append(m.name());
            }

            @Override
            public void onWorkloadEndpointUpdate(WorkloadEndpointUpdate m) {
                out.append(m.key());
            }

            @Override
            public void onWorkloadEndpointRemove(WorkloadEndpointRemove m) {
                out.append(m.key());
            }

            @Override
            public void onHostEndpointUpdate(HostEndpointUpdate m) {
                out.append(m.key());
            }

            @Override
            public void onHostEndpointRemove(HostEndpointRemove m) {
                out.append(m.key());
            }
        });
        return out.toString();
    }
}
