package io.calicoj.cni.plugin;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Pod CIDRs kept in memory, per node; what the plugin keeps must be a CIDR. */
final class FakePodCidrCache implements PodCidrCache {

    final Map<String, String> cidrs = new ConcurrentHashMap<>();

    @Override
    public Optional<String> get(NetConf conf, String node) {
        return Optional.ofNullable(cidrs.get(node));
    }

    @Override
    public void put(NetConf conf, String node, String cidr) {
        io.calicoj.model.Cidr.parse(cidr);
        cidrs.put(node, cidr);
    }
}
