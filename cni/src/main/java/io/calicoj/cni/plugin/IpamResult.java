package io.calicoj.cni.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an IPAM plugin's ADD printed: addresses (CIDR notation, e.g. host-local's {@code 10.244.1.5/24}),
 * routes and DNS. Accepts the 0.3.x, 0.4.0 and 1.0.0 shapes ({@code ips} with or without {@code version}).
 */
record IpamResult(List<Address> ips, List<Route> routes, JsonNode dns) {

    /** One address: {@code ip} without a prefix, {@code prefix} its length, {@code gateway} may be empty. */
    record Address(String ip, int prefix, String gateway) {

        Address {
            Objects.requireNonNull(ip, "ip");
            Objects.requireNonNull(gateway, "gateway");
        }

        boolean isIpv4() {
            return ip.indexOf(':') < 0;
        }

        /** As the plugin hands it out: a single host, /32 or /128. */
        String hostCidr() {
            return ip + (isIpv4() ? "/32" : "/128");
        }
    }

    /** A route to add in the container; {@code gw} may be empty. */
    record Route(String dst, String gw) {

        Route {
            Objects.requireNonNull(dst, "dst");
            Objects.requireNonNull(gw, "gw");
        }
    }

    IpamResult {
        ips = List.copyOf(ips);
        routes = List.copyOf(routes);
        dns = dns == null ? Json.object() : dns;
    }

    static IpamResult parse(String stdout, String plugin) throws CniException {
        ObjectNode json;
        try {
            json = Json.parseObject(stdout, "the result of IPAM plugin " + plugin);
        } catch (CniException e) {
            throw new CniException(CniException.IPAM, e.getMessage());
        }
        List<Address> ips = new ArrayList<>();
        for (JsonNode ip : json.path("ips")) {
            ips.add(address(ip.path("address").asString(""), ip.path("gateway").asString(""), plugin));
        }
        List<Route> routes = new ArrayList<>();
        for (JsonNode r : json.path("routes")) {
            String dst = r.path("dst").asString("");
            if (dst.isEmpty()) {
                throw new CniException(CniException.IPAM, "IPAM plugin " + plugin + " returned a route without dst: " + r);
            }
            routes.add(new Route(dst, r.path("gw").asString("")));
        }
        if (ips.isEmpty()) {
            throw new CniException(CniException.IPAM, "IPAM plugin " + plugin + " returned missing IP config");
        }
        JsonNode dns = json.get("dns");
        return new IpamResult(ips, routes, dns != null && dns.isObject() ? dns : null);
    }

    static Address address(String cidr, String gateway, String plugin) throws CniException {
        int slash = cidr.indexOf('/');
        if (slash <= 0) {
            throw new CniException(CniException.IPAM, "IPAM plugin " + plugin
                    + " returned an address that is not in CIDR notation: \"" + cidr + "\"");
        }
        String ip = cidr.substring(0, slash);
        int prefix;
        try {
            prefix = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            prefix = -1;
        }
        int max = ip.indexOf(':') < 0 ? 32 : 128;
        if (prefix < 0 || prefix > max || !looksLikeIp(ip)) {
            throw new CniException(CniException.IPAM, "IPAM plugin " + plugin + " returned an invalid address \"" + cidr + "\"");
        }
        return new Address(ip, prefix, gateway);
    }

    /** Digits, dots, hex and colons only: enough to keep anything else out of an {@code ip} command line. */
    private static boolean looksLikeIp(String ip) {
        if (ip.isEmpty()) {
            return false;
        }
        for (int i = 0; i < ip.length(); i++) {
            char c = ip.charAt(i);
            if (!(Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
                return false;
            }
        }
        return true;
    }
}
