package io.calicoj.sandbox.cluster;

import java.nio.file.Path;

/** The network configuration the sandbox's kubelet gives the {@code calico} CNI plugin on each node (as the install page's ConfigMap). */
final class CniNetworkConfig {

    private CniNetworkConfig() {
    }

    static String forNode(String node, Path kubeconfig, Path ipamDataDir) {
        return """
                {
                  "cniVersion": "1.0.0",
                  "name": "k8s-pod-network",
                  "type": "calico",
                  "datastore_type": "kubernetes",
                  "nodename": "%s",
                  "mtu": 1500,
                  "log_level": "info",
                  "kubernetes": {"kubeconfig": "%s"},
                  "policy": {"type": "k8s"},
                  "ipam": {"type": "host-local", "subnet": "usePodCidr", "dataDir": "%s"}
                }
                """.formatted(node, kubeconfig, ipamDataDir);
    }
}
