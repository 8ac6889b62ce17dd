package io.calicoj.model.eval;

import io.calicoj.model.EndpointPort;
import io.calicoj.model.IpAddress;
import io.calicoj.model.Labels;
import io.calicoj.model.Protocol;
import io.calicoj.model.ResourceKey;
import io.calicoj.model.WellKnownLabels;
import io.calicoj.model.WorkloadEndpoint;
import io.calicoj.model.felix.FelixProfile;
import io.calicoj.model.selector.Selector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every workload endpoint with the labels selectors see (own labels, then inherited profile
 * labels) and an address lookup: what Felix's IP sets answer about an address.
 */
final class EndpointIndex {

    record Entry(WorkloadEndpoint endpoint, Labels labels, List<IpAddress> addresses) {
    }

    private final Map<ResourceKey, Entry> byKey = new LinkedHashMap<>();
    private final Map<IpAddress, List<Entry>> byAddress = new HashMap<>();

    EndpointIndex(List<WorkloadEndpoint> endpoints, Map<String, FelixProfile> profiles) {
        for (WorkloadEndpoint wep : endpoints) {
            Entry e = new Entry(wep, labels(wep, profiles), wep.addresses());
            byKey.put(wep.key(), e);
            for (IpAddress a : e.addresses()) {
                byAddress.computeIfAbsent(a, k -> new ArrayList<>()).add(e);
            }
        }
    }

    /**
     * The endpoint's own labels, except the {@code pcns.}/{@code pcsa.} keys Felix strips (a pod
     * must not claim another namespace's labels), then its profiles' labels in profile order.
     */
    private static Labels labels(WorkloadEndpoint wep, Map<String, FelixProfile> profiles) {
        Map<String, String> own = new HashMap<>();
        wep.metadata().labels().forEach((k, v) -> {
            if (!k.startsWith(WellKnownLabels.NAMESPACE_LABEL_PREFIX) && !k.startsWith(WellKnownLabels.SERVICE_ACCOUNT_LABEL_PREFIX)) {
                own.put(k, v);
            }
        });
        List<Map<String, String>> parents = new ArrayList<>();
        for (String p : wep.spec().profiles()) {
            FelixProfile profile = profiles.get(p);
            if (profile != null) {
                parents.add(profile.labels());
            }
        }
        return Labels.inherited(own, parents);
    }

    Optional<Entry> get(ResourceKey key) {
        return Optional.ofNullable(byKey.get(key));
    }

    List<Entry> at(IpAddress address) {
        return byAddress.getOrDefault(address, List.of());
    }

    /** Whether some endpoint with this address matches the selector (membership of the selector's IP set). */
    boolean addressMatches(IpAddress address, Selector selector) {
        for (Entry e : at(address)) {
            if (selector.matches(e.labels())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Membership of a named-port IP set: some endpoint with this address, matching the selector,
     * exports a port of this name with this protocol and number.
     */
    boolean namedPortMatches(IpAddress address, Selector selector, String name, Protocol protocol, int port) {
        for (Entry e : at(address)) {
            if (!selector.matches(e.labels())) {
                continue;
            }
            for (EndpointPort p : e.endpoint().spec().ports()) {
                if (p.name().equals(name) && p.protocol().number() == protocol.number() && p.port() == port) {
                    return true;
                }
            }
        }
        return false;
    }
}
