package io.calicoj.cni.plugin;

import java.util.ArrayList;
import java.util.List;

/**
 * CHECK (0.4.0 and later): the IPAM plugin still holds the addresses of {@code prevResult}, and
 * the veth, its addresses, routes and proxy ARP are as ADD left them.
 */
final class CheckCommand {

    private final PluginContext ctx;

    CheckCommand(PluginContext ctx) {
        this.ctx = ctx;
    }

    void run(CniRequest req, NetConf conf) throws CniException {
        if (!CniVersions.hasCheck(conf.cniVersion())) {
            throw new CniException(CniException.INCOMPATIBLE_VERSION, "config version does not allow CHECK",
                    "CHECK needs cniVersion 0.4.0 or later, got " + conf.cniVersion());
        }
        CniResult prev = CniResult.parse(conf.json().get("prevResult"));
        String config = PodNetwork.usesPodCidr(conf) ? PodNetwork.ipamConfig(conf, PodNetwork.ANY_SUBNET)
                : Json.write(conf.json());
        ctx.ipam().check(conf.ipamType(), config, req);
        List<String> addresses = new ArrayList<>();
        for (CniResult.Ip ip : prev.ips()) {
            addresses.add(ip.ip());
        }
        List<String> routes = new ArrayList<>();
        for (IpamResult.Route r : prev.routes()) {
            routes.add(r.dst());
        }
        ctx.network().check(new NetworkSetup.Veth(PodNetwork.hostInterface(req, ctx.env()), req.netns(), req.ifName(),
                conf.mtu(), addresses, routes));
    }
}
