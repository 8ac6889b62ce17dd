package io.calicoj.calc;

import io.calicoj.model.Cidr;
import io.calicoj.model.HostEndpoint;
import io.calicoj.model.ResourceKey;
import io.calicoj.model.WellKnownLabels;
import io.calicoj.model.WorkloadEndpoint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Workload and host endpoints → {@link EndpointData}. From a workload endpoint's labels it drops
 * the {@code pcns.} and {@code pcsa.} keys, as Felix does, so a pod cannot claim another
 * namespace's (or service account's) labels; those come only from its profiles.
 *
 * <p>Not thread-safe; confined to the calc thread.
 */
final class EndpointDecoder {

    private final List<EndpointListener> listeners;

    EndpointDecoder(List<? extends EndpointListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    void onWorkloadEndpoint(WorkloadEndpoint wep) {
        Map<String, String> labels = new HashMap<>();
        wep.metadata().labels().forEach((k, v) -> {
            if (!k.startsWith(WellKnownLabels.NAMESPACE_LABEL_PREFIX)
                    && !k.startsWith(WellKnownLabels.SERVICE_ACCOUNT_LABEL_PREFIX)) {
                labels.put(k, v);
            }
        });
        WorkloadEndpoint.Spec spec = wep.spec();
        publish(new EndpointData(wep, spec.node(), labels, spec.profiles(),
                spec.ipNetworks().stream().map(Cidr::address).distinct().toList(), spec.ports()));
    }

    void onHostEndpoint(HostEndpoint hep) {
        HostEndpoint.Spec spec = hep.spec();
        publish(new EndpointData(hep, spec.node(), hep.metadata().labels(), spec.profiles(),
                spec.expectedIps().stream().distinct().toList(), spec.ports()));
    }

    void onDeletion(ResourceKey key) {
        for (EndpointListener l : listeners) {
            l.onEndpointRemoved(key);
        }
    }

    private void publish(EndpointData endpoint) {
        for (EndpointListener l : listeners) {
            l.onEndpointUpdate(endpoint);
        }
    }
}
