package io.calicoj.dataplane.api;

import io.calicoj.model.Cidr;
import io.calicoj.model.ResourceKey;
import java.util.List;
import java.util.Objects;

/** A local host endpoint and its ordered policies and profiles. */
public record HostEndpointUpdate(ResourceKey key, String interfaceName, List<Cidr> expectedIpv4Addrs,
                                 List<Cidr> expectedIpv6Addrs, List<TierInfo> tiers, List<TierInfo> untrackedTiers,
                                 List<TierInfo> preDnatTiers, List<String> profileIds) implements DataplaneUpdate {
    public HostEndpointUpdate {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(interfaceName, "interfaceName");
        expectedIpv4Addrs = List.copyOf(expectedIpv4Addrs);
        expectedIpv6Addrs = List.copyOf(expectedIpv6Addrs);
        tiers = List.copyOf(tiers);
        untrackedTiers = List.copyOf(untrackedTiers);
        preDnatTiers = List.copyOf(preDnatTiers);
        profileIds = List.copyOf(profileIds);
    }

    @Override
    public void dispatch(DataplaneUpdateHandler h) {
        h.onHostEndpointUpdate(this);
    }
}
