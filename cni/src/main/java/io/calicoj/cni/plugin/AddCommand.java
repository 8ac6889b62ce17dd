package io.calicoj.cni.plugin;

import io.calicoj.datastore.config.DatastoreType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ADD: resolve the pod CIDR (usePodCidr; cached after the first ADD on a node), allocate an
 * address, build the veth, record the pod IP on the pod; every step registers its undo, so a failure
 * part-way leaves nothing behind.
 *
 * <p>What waits on the network runs next to what waits on processes: the API connection (kubeconfig,
 * TLS context, HTTP client) is set up while the IPAM plugin allocates, and the pod's PATCH (with the
 * TLS handshake of a fresh process) is sent while iproute2 builds the veth. If the veth then fails,
 * the annotations the PATCH set are removed again.
 */
final class AddCommand {

    private static final Logger log = LoggerFactory.getLogger(AddCommand.class);

    private final PluginContext ctx;

    AddCommand(PluginContext ctx) {
        this.ctx = ctx;
    }

    String run(CniRequest req, NetConf conf, DatastoreType datastore) throws CniException {
        if (datastore != DatastoreType.KUBERNETES) {
            throw new CniException(CniException.INVALID_NETWORK_CONFIG, "datastore_type: \"" + datastore
                    + "\" is not supported by the Calico/J CNI plugin: use kubernetes");
        }
        Optional<PodRef> pod = req.args().pod();
        String hostInterface = PodNetwork.hostInterface(req, ctx.env());
        log.info("ADD container {} ({}), host interface {}", req.containerId(),
                pod.map(PodRef::toString).orElse("not a Kubernetes pod"), hostInterface);
        ctx.network().requireNamespace(req.netns());
        if (!needsApi(conf, pod)) {
            return add(req, conf, pod, hostInterface, null);
        }
        Background<KubeApi> api = Background.start("kube-connect", () -> ctx.kube().connect(conf));
        try {
            return add(req, conf, pod, hostInterface, api);
        } finally {
            PodNetwork.close(api);
        }
    }

    /** Without a pod there is nothing to annotate; without usePodCidr no node to read. */
    private static boolean needsApi(NetConf conf, Optional<PodRef> pod) {
        return pod.isPresent() || PodNetwork.usesPodCidr(conf);
    }

    private String add(CniRequest req, NetConf conf, Optional<PodRef> pod, String hostInterface, Background<KubeApi> api)
            throws CniException {
        Rollback rollback = new Rollback();
        Background<Boolean> patch = null;
        try {
            Allocation allocation = allocate(req, conf, api, rollback);
            IpamResult ipam = allocation.ipam();
            List<String> addresses = new ArrayList<>();
            for (IpamResult.Address a : ipam.ips()) {
                if (!a.isIpv4()) {
                    throw new CniException(CniException.IPAM, "IPAM plugin " + conf.ipamType() + " returned IPv6 address "
                            + a.ip() + ": Calico/J supports IPv4 pods only");
                }
                addresses.add(a.ip());
            }
            List<String> routes = new ArrayList<>();
            for (IpamResult.Route r : ipam.routes()) {
                routes.add(r.dst());
            }
            if (routes.isEmpty()) {
                routes.add("0.0.0.0/0");
            }
            Background<String> cidrNow = allocation.nodeNow();
            if (pod.isPresent()) {
                Map<String, String> annotations = podIpAnnotations(req, addresses);
                patch = Background.start("kube-patch", () -> {
                    settle(cidrNow);
                    return api.join().patchPodAnnotations(pod.get(), annotations);
                });
            }
            NetworkSetup.Veth veth = new NetworkSetup.Veth(hostInterface, req.netns(), req.ifName(), conf.mtu(),
                    addresses, routes);
            rollback.onFailure("delete host interface " + hostInterface,
                    () -> ctx.network().removeHostInterface(hostInterface));
            String mac;
            try {
                mac = ctx.network().setUp(veth);
            } catch (CniException | RuntimeException e) {
                undoPatchWhenDone(patch, api, pod, rollback);
                patch = null;
                throw e;
            }
            log.info("Calico CNI using IPs: {} on {} (container {} MAC {})", addresses, hostInterface, req.ifName(), mac);
            if (patch != null && !patch.join()) {
                patch = null;
                throw new CniException(CniException.KUBERNETES, "pod " + pod.get() + " not found in the Kubernetes API");
            }
            if (cidrNow != null) {
                requireCachedCidrCurrent(conf, allocation.cached().get(), cidrNow);
            }
            patch = null;
            CniResult result = result(req, conf, ipam, hostInterface, mac, routes);
            rollback.commit();
            return result.toJson(conf.cniVersion());
        } catch (CniException e) {
            undoPatchWhenDone(patch, api, pod, rollback);
            List<String> failures = undo(rollback, req);
            if (failures.isEmpty()) {
                throw e;
            }
            String cleanup = "cleaning up after the failure also failed: " + String.join("; ", failures);
            throw new CniException(e.code(), e.msg(), e.details().isEmpty() ? cleanup : e.details() + "; " + cleanup);
        } catch (RuntimeException e) {
            undoPatchWhenDone(patch, api, pod, rollback);
            undo(rollback, req);
            throw e;
        }
    }

    /**
     * What IPAM gave, and when the node's pod CIDR came from the cache, that CIDR and the API's answer
     * for the node now (to be checked against each other).
     */
    private record Allocation(IpamResult ipam, Optional<CachedCidr> cached, Background<String> nodeNow) {
    }

    private record CachedCidr(String node, String cidr) {
    }

    private Allocation allocate(CniRequest req, NetConf conf, Background<KubeApi> api, Rollback rollback) throws CniException {
        String subnet = "";
        Optional<CachedCidr> fromCache = Optional.empty();
        Background<String> nodeNow = null;
        if (PodNetwork.usesPodCidr(conf)) {
            String node = PodNetwork.nodeName(conf, ctx.hostName());
            JdkKubeApi.checkName("node name", node);
            Optional<String> cached = ctx.podCidrs().get(conf, node);
            if (cached.isPresent()) {
                subnet = cached.get();
                fromCache = Optional.of(new CachedCidr(node, subnet));
                nodeNow = askNode(node, api);
                log.info("Calico CNI using the cached podCidr of node {}: {}", node, subnet);
            } else {
                log.info("Calico CNI fetching podCidr from Kubernetes for node {}", node);
                subnet = api.join().nodePodCidr(node);
                if (subnet.isEmpty()) {
                    throw noPodCidr(node);
                }
                ctx.podCidrs().put(conf, node, subnet);
            }
            log.info("Calico CNI passing podCidr to host-local IPAM: {}", subnet);
        }
        String config = subnet.isEmpty() ? Json.write(conf.json()) : PodNetwork.ipamConfig(conf, subnet);
        IpamResult result = ctx.ipam().add(conf.ipamType(), config, req);
        rollback.onFailure("release the address (IPAM " + conf.ipamType() + " DEL)",
                () -> ctx.ipam().del(conf.ipamType(), config, req));
        return new Allocation(result, fromCache, nodeNow);
    }

    private static CniException noPodCidr(String node) {
        return new CniException(CniException.KUBERNETES, "No podCidr for node " + node,
                "the node has no spec.podCIDR: start kube-controller-manager with --allocate-node-cidrs=true"
                        + " --cluster-cidr=<pool>, or check that nodename is the node's Kubernetes name");
    }

    /**
     * The node's pod CIDR as the API server has it now (a node deleted and registered again can get
     * another CIDR; then the cached one must not be used for this pod). Asked as soon as the
     * connection is ready, while IPAM allocates and the veth is built, so the TLS handshake is made
     * then; the PATCH waits for this answer and reuses the connection (one request at a time).
     */
    private static Background<String> askNode(String node, Background<KubeApi> api) {
        return Background.start("kube-node", () -> api.join().nodePodCidr(node));
    }

    /** Waits for {@code work} when there is any; its failure is reported where it is joined for its result. */
    private static void settle(Background<?> work) {
        if (work == null) {
            return;
        }
        try {
            work.join();
        } catch (CniException | RuntimeException e) {
            // Reported by whoever needs the result.
        }
    }

    /** Fails the ADD (and replaces the cache entry) when the node's pod CIDR is no longer the cached one. */
    private void requireCachedCidrCurrent(NetConf conf, CachedCidr cached, Background<String> current) throws CniException {
        String now = current.join();
        if (now.equals(cached.cidr())) {
            return;
        }
        if (now.isEmpty()) {
            throw noPodCidr(cached.node());
        }
        ctx.podCidrs().put(conf, cached.node(), now);
        throw new CniException(CniException.KUBERNETES, "The pod CIDR of node " + cached.node() + " is now " + now
                + ", not the cached " + cached.cidr(), "the cache is updated; the next ADD allocates from " + now);
    }

    /** Modern Calico's KDD record of the pod's addresses. */
    private static Map<String, String> podIpAnnotations(CniRequest req, List<String> addresses) {
        List<String> cidrs = new ArrayList<>();
        for (String a : addresses) {
            cidrs.add(IprouteNetworkSetup.hostCidr(a));
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(PodNetwork.ANNOTATION_POD_IP, cidrs.get(0));
        annotations.put(PodNetwork.ANNOTATION_POD_IPS, String.join(",", cidrs));
        annotations.put(PodNetwork.ANNOTATION_CONTAINER_ID, req.containerId());
        return annotations;
    }

    /**
     * A failure while the PATCH may be in flight: waits for it, and when it set the annotations,
     * registers removing them again with the other undo steps (a failed ADD leaves no annotation behind).
     */
    private static void undoPatchWhenDone(Background<Boolean> patch, Background<KubeApi> api, Optional<PodRef> pod,
                                          Rollback rollback) {
        if (patch == null) {
            return;
        }
        boolean patched;
        try {
            patched = patch.join();
        } catch (CniException | RuntimeException e) {
            return; // It failed: nothing was recorded.
        }
        if (patched) {
            Map<String, String> remove = new LinkedHashMap<>();
            remove.put(PodNetwork.ANNOTATION_POD_IP, null);
            remove.put(PodNetwork.ANNOTATION_POD_IPS, null);
            remove.put(PodNetwork.ANNOTATION_CONTAINER_ID, null);
            rollback.onFailure("remove the pod's IP annotations", () -> api.join().patchPodAnnotations(pod.get(), remove));
        }
    }

    private static CniResult result(CniRequest req, NetConf conf, IpamResult ipam, String hostInterface, String mac,
                                    List<String> routes) {
        List<CniResult.Interface> interfaces = List.of(
                new CniResult.Interface(hostInterface, NetworkSetup.HOST_MAC, ""),
                new CniResult.Interface(req.ifName(), mac, req.netns()));
        List<CniResult.Ip> ips = new ArrayList<>();
        for (IpamResult.Address a : ipam.ips()) {
            ips.add(new CniResult.Ip(a.hostCidr(), 1));
        }
        List<IpamResult.Route> rs = new ArrayList<>();
        for (String dst : routes) {
            rs.add(new IpamResult.Route(dst, NetworkSetup.GATEWAY));
        }
        var dns = ipam.dns().isEmpty() && conf.json().path("dns").isObject() ? conf.json().get("dns") : ipam.dns();
        return new CniResult(interfaces, ips, rs, dns);
    }

    private static List<String> undo(Rollback rollback, CniRequest req) {
        if (rollback.isEmpty()) {
            return List.of();
        }
        log.warn("ADD of container {} failed; undoing what was done", req.containerId());
        List<String> failures = rollback.rollBack();
        for (String failure : failures) {
            log.error("Could not undo after a failed ADD of container {}: {}", req.containerId(), failure);
        }
        return failures;
    }
}
