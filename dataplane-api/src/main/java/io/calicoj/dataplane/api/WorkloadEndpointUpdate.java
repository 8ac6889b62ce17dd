package io.calicoj.dataplane.api;

import io.calicoj.model.Cidr;
import io.calicoj.model.ResourceKey;
import java.util.List;
import java.util.Objects;

/**
 * A local workload endpoint and everything its chains need.
 *
 * @param key           the WorkloadEndpoint resource's key
 * @param interfaceName the host side of its veth
 * @param mac           empty when unknown
 * @param tiers         per tier, the ordered policies for each direction (tiers with no policy omitted)
 * @param profileIds    the endpoint's profiles, in order
 */
public record WorkloadEndpointUpdate(ResourceKey key, String interfaceName, String mac, List<Cidr> ipv4Nets,
                                     List<Cidr> ipv6Nets, List<TierInfo> tiers, List<String> profileIds)
        implements DataplaneUpdate {
    public WorkloadEndpointUpdate {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(mac, "mac");
        ipv4Nets = List.copyOf(ipv4Nets);
        ipv6Nets = List.copyOf(ipv6Nets);
        tiers = List.copyOf(tiers);
        profileIds = List.copyOf(profileIds);
    }

    @Override
    public void dispatch(DataplaneUpdateHandler h) {
        h.onWorkloadEndpointUpdate(this);
    }
}
