package io.calicoj.cni.plugin;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Veths in memory: host interfaces by name, container interfaces by "netns/ifname". Creating an
 * interface that exists fails, as the kernel does; {@link #failSetUpAfterCreating} simulates a
 * failure part-way (the pair exists, a later step failed).
 */
final class FakeNetworkSetup implements NetworkSetup {

    final Map<String, Veth> hostInterfaces = new LinkedHashMap<>();
    final Map<String, String> containerInterfaces = new LinkedHashMap<>();
    private CniException failSetUpAfterCreating;
    private int macs;

    void failSetUpAfterCreating(CniException e) {
        failSetUpAfterCreating = e;
    }

    /** Namespaces that "do not exist". */
    final java.util.Set<String> missingNamespaces = new java.util.HashSet<>();

    @Override
    public void requireNamespace(String netns) throws CniException {
        if (missingNamespaces.contains(netns)) {
            throw new CniException(CniException.INVALID_ENVIRONMENT, "CNI_NETNS: no network namespace at " + netns);
        }
    }

    @Override
    public String setUp(Veth veth) throws CniException {
        removeHostInterface(veth.hostInterface());
        String key = veth.netns() + "/" + veth.containerInterface();
        if (containerInterfaces.containsKey(key)) {
            throw new CniException(CniException.DATAPLANE, key + " exists");
        }
        hostInterfaces.put(veth.hostInterface(), veth);
        containerInterfaces.put(key, veth.hostInterface());
        if (failSetUpAfterCreating != null) {
            throw failSetUpAfterCreating;
        }
        return String.format("02:00:00:00:00:%02x", ++macs);
    }

    @Override
    public void removeHostInterface(String hostInterface) {
        Veth v = hostInterfaces.remove(hostInterface);
        if (v != null) {
            containerInterfaces.remove(v.netns() + "/" + v.containerInterface());
        }
    }

    @Override
    public void removeContainerInterface(String netns, String containerInterface) {
        String host = containerInterfaces.remove(netns + "/" + containerInterface);
        if (host != null) {
            hostInterfaces.remove(host);
        }
    }

    @Override
    public void check(Veth veth) throws CniException {
        Veth actual = hostInterfaces.get(veth.hostInterface());
        if (actual == null) {
            throw new CniException(CniException.CHECK_FAILED, "host interface " + veth.hostInterface() + " does not exist");
        }
        if (!actual.addresses().containsAll(veth.addresses())) {
            throw new CniException(CniException.CHECK_FAILED, "addresses differ: " + actual.addresses());
        }
    }
}
