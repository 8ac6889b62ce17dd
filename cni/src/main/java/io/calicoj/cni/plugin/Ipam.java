package io.calicoj.cni.plugin;

/**
 * The delegated IPAM plugin ({@code ipam.type}, e.g. host-local). Each call gets the network
 * configuration to send on stdin and the request whose {@code CNI_*} variables it inherits.
 */
interface Ipam {

    IpamResult add(String type, String config, CniRequest request) throws CniException;

    /** Releases whatever {@code request}'s container holds; succeeds when it holds nothing. */
    void del(String type, String config, CniRequest request) throws CniException;

    /** Fails when the container's allocation is gone. */
    void check(String type, String config, CniRequest request) throws CniException;
}
