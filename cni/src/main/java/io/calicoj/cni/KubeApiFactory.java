package io.calicoj.cni;

/** Connects to the Kubernetes API a network configuration points at (lazily: only commands that need it). */
@FunctionalInterface
interface KubeApiFactory {
    KubeApi connect(NetConf conf) throws CniException;
}
