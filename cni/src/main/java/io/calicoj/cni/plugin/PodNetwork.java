package io.calicoj.cni.plugin;

import io.calicoj.model.k8s.VethNames;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Names and configuration derived from a request, shared by ADD, DEL and CHECK. */
final class PodNetwork {

    /** host-local's magic subnet value (any case), replaced by the node's {@code spec.podCIDR}. */
    static final String USE_POD_CIDR = "usepodcidr";

    /** What DEL and CHECK give host-local instead: it finds the allocation by container ID, not subnet. */
    static final String ANY_SUBNET = "0.0.0.0/0";

    static final String ANNOTATION_POD_IP = "cni.projectcalico.org/podIP";
    static final String ANNOTATION_POD_IPS = "cni.projectcalico.org/podIPs";
    static final String ANNOTATION_CONTAINER_ID = "cni.projectcalico.org/containerID";

    private PodNetwork() {
    }

    /** The merge patch that DEL (and a failed ADD) sends: no pod IP any more. */
    static Map<String, String> blankPodIps() {
        Map<String, String> blank = new LinkedHashMap<>();
        blank.put(ANNOTATION_POD_IP, "");
        blank.put(ANNOTATION_POD_IPS, "");
        return blank;
    }

    /** Closes a connection once it is made (or has failed), so the process can exit at once. */
    static void close(Background<KubeApi> api) {
        try {
            api.join().close();
        } catch (CniException | RuntimeException e) {
            // Not connected: nothing to close.
        }
    }

    /**
     * The host end's name: Calico's {@code cali} + 11 hex digits of SHA-1(namespace.pod) for a
     * Kubernetes pod ({@code FELIX_INTERFACEPREFIX} honoured, like the agent), else {@code cali} +
     * the first 11 characters of the container ID.
     */
    static String hostInterface(CniRequest request, Map<String, String> env) {
        String prefixes = env.getOrDefault("FELIX_INTERFACEPREFIX", "");
        return request.args().pod()
                .map(p -> VethNames.hostInterfaceName(prefixes, p.namespace(), p.name()))
                .orElseGet(() -> {
                    String prefix = prefixes.isEmpty() ? VethNames.DEFAULT_PREFIX : prefixes.split(",", -1)[0];
                    String id = request.containerId();
                    return prefix + id.substring(0, Math.min(11, id.length()));
                });
    }

    /** Whether {@code ipam.subnet} (or a {@code ranges} entry's subnet) asks for the node's pod CIDR. */
    static boolean usesPodCidr(NetConf conf) {
        if (isPodCidr(conf.ipam().get("subnet"))) {
            return true;
        }
        for (JsonNode set : conf.ipam().path("ranges")) {
            for (JsonNode range : set) {
                if (isPodCidr(range.get("subnet"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The configuration for the IPAM plugin: the netconf with every {@code usePodCidr} replaced by {@code subnet}. */
    static String ipamConfig(NetConf conf, String subnet) {
        ObjectNode copy = conf.json().deepCopy();
        ObjectNode ipam = (ObjectNode) copy.get("ipam");
        if (isPodCidr(ipam.get("subnet"))) {
            ipam.put("subnet", subnet);
        }
        for (JsonNode set : ipam.path("ranges")) {
            for (JsonNode range : set) {
                if (range.isObject() && isPodCidr(range.get("subnet"))) {
                    ((ObjectNode) range).put("subnet", subnet);
                }
            }
        }
        return Json.write(copy);
    }

    private static boolean isPodCidr(JsonNode subnet) {
        return subnet != null && subnet.isString() && subnet.asString().toLowerCase(Locale.ROOT).equals(USE_POD_CIDR);
    }

    /** The Calico node name for the pod CIDR lookup: {@code kubernetes.node_name}, else {@code nodename}, else the host's. */
    static String nodeName(NetConf conf, HostName hostName) throws CniException {
        if (!conf.kubernetesNodeName().isEmpty()) {
            return conf.kubernetesNodeName();
        }
        if (!conf.nodename().isEmpty()) {
            return conf.nodename();
        }
        return hostName.get();
    }
}
