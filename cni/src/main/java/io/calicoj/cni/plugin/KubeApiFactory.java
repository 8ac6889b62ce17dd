package io.calicoj.cni.plugin;

/** Connects to the Kubernetes API a network configuration points at (lazily: only commands that need it). */
@FunctionalInterface
interface KubeApiFactory {
    KubeApi connect(NetConf conf) throws CniException;

    /** A hint that a command will connect for this network configuration (stdin): a factory may start now. */
    default void connectAhead(String networkConfig) {
    }
}
