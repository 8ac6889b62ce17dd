package io.calicoj.cni.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The ADD result: the host veth and the container interface, the pod's addresses (always a single
 * host, /32 or /128, gateway cleared as Calico does), the container's routes and DNS. Rendered for
 * the requested {@code cniVersion}; parsed back from {@code prevResult} for CHECK.
 */
record CniResult(List<Interface> interfaces, List<Ip> ips, List<IpamResult.Route> routes, JsonNode dns) {

    /** {@code sandbox} is empty for a host interface. */
    record Interface(String name, String mac, String sandbox) {
        Interface {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(mac, "mac");
            Objects.requireNonNull(sandbox, "sandbox");
        }
    }

    /** {@code address} in CIDR notation; {@code interfaceIndex} into {@link #interfaces()}, -1 for none. */
    record Ip(String address, int interfaceIndex) {
        Ip {
            Objects.requireNonNull(address, "address");
        }

        boolean isIpv4() {
            return address.indexOf(':') < 0;
        }

        /** The address without its prefix length. */
        String ip() {
            int slash = address.indexOf('/');
            return slash < 0 ? address : address.substring(0, slash);
        }
    }

    CniResult {
        interfaces = List.copyOf(interfaces);
        ips = List.copyOf(ips);
        routes = List.copyOf(routes);
        dns = dns == null ? Json.object() : dns;
    }

    String toJson(String cniVersion) {
        ObjectNode root = Json.object();
        root.put("cniVersion", cniVersion);
        ArrayNode ifs = root.putArray("interfaces");
        for (Interface i : interfaces) {
            ObjectNode n = ifs.addObject();
            n.put("name", i.name());
            if (!i.mac().isEmpty()) {
                n.put("mac", i.mac());
            }
            if (!i.sandbox().isEmpty()) {
                n.put("sandbox", i.sandbox());
            }
        }
        ArrayNode ipArray = root.putArray("ips");
        for (Ip ip : ips) {
            ObjectNode n = ipArray.addObject();
            if (CniVersions.ipsCarryVersion(cniVersion)) {
                n.put("version", ip.isIpv4() ? "4" : "6");
            }
            n.put("address", ip.address());
            if (ip.interfaceIndex() >= 0) {
                n.put("interface", ip.interfaceIndex());
            }
        }
        if (!routes.isEmpty()) {
            ArrayNode rs = root.putArray("routes");
            for (IpamResult.Route r : routes) {
                ObjectNode n = rs.addObject();
                n.put("dst", r.dst());
                if (!r.gw().isEmpty()) {
                    n.put("gw", r.gw());
                }
            }
        }
        root.set("dns", dns);
        return Json.write(root);
    }

    /** A {@code prevResult} (any supported version) for CHECK. */
    static CniResult parse(JsonNode prev) throws CniException {
        if (prev == null || !prev.isObject()) {
            throw new CniException(CniException.INVALID_NETWORK_CONFIG,
                    "prevResult: missing: CHECK needs the result of the preceding ADD");
        }
        List<Interface> interfaces = new ArrayList<>();
        for (JsonNode i : prev.path("interfaces")) {
            interfaces.add(new Interface(i.path("name").asString(""), i.path("mac").asString(""),
                    i.path("sandbox").asString("")));
        }
        List<Ip> ips = new ArrayList<>();
        for (JsonNode ip : prev.path("ips")) {
            String address = ip.path("address").asString("");
            if (address.isEmpty()) {
                throw new CniException(CniException.INVALID_NETWORK_CONFIG, "prevResult.ips: an entry has no address: " + ip);
            }
            ips.add(new Ip(address, ip.path("interface").asInt(-1)));
        }
        List<IpamResult.Route> routes = new ArrayList<>();
        for (JsonNode r : prev.path("routes")) {
            routes.add(new IpamResult.Route(r.path("dst").asString(""), r.path("gw").asString("")));
        }
        return new CniResult(interfaces, ips, routes, prev.get("dns"));
    }
}
