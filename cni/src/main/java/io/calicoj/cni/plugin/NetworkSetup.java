package io.calicoj.cni.plugin;

import java.util.List;
import java.util.Objects;

/**
 * The pod's plumbing, Calico style: a veth pair whose host end ({@code cali…}, MAC
 * {@code ee:ee:ee:ee:ee:ee}, proxy ARP, a /32 route per pod address) stays in the node's
 * namespace and whose container end ({@code CNI_IFNAME}) carries the /32 addresses, a link-scope
 * route to {@value #GATEWAY} and routes via it.
 */
interface NetworkSetup {

    /** The fake next hop every pod routes through; the host end answers ARP for it. */
    String GATEWAY = "169.254.1.1";

    /** The host end's fixed MAC (modern Calico). */
    String HOST_MAC = "ee:ee:ee:ee:ee:ee";

    /**
     * What to build.
     *
     * @param addresses   the pod's addresses without prefix (each gets /32 or /128)
     * @param routes      destinations to route via {@link #GATEWAY} in the container (e.g. {@code 0.0.0.0/0})
     * @param mtu         0 for the kernel default
     */
    record Veth(String hostInterface, String netns, String containerInterface, int mtu, List<String> addresses,
                List<String> routes) {
        public Veth {
            Objects.requireNonNull(hostInterface, "hostInterface");
            Objects.requireNonNull(netns, "netns");
            Objects.requireNonNull(containerInterface, "containerInterface");
            addresses = List.copyOf(addresses);
            routes = List.copyOf(routes);
        }
    }

    /** Fails with {@link CniException#INVALID_ENVIRONMENT} when {@code netns} is not a network namespace path that exists. */
    void requireNamespace(String netns) throws CniException;

    /**
     * Creates the veth and everything on it. A stale host interface of the same name (an earlier
     * sandbox of the same pod) is replaced.
     *
     * @return the container end's MAC
     */
    String setUp(Veth veth) throws CniException;

    /** Deletes the host interface (and so its peer and routes) if it exists. */
    void removeHostInterface(String hostInterface) throws CniException;

    /**
     * Deletes {@code containerInterface} inside {@code netns} (its peer and routes go with it).
     * Succeeds when the namespace or the interface no longer exists.
     */
    void removeContainerInterface(String netns, String containerInterface) throws CniException;

    /** Fails with {@link CniException#CHECK_FAILED} naming what is missing. */
    void check(Veth veth) throws CniException;
}
