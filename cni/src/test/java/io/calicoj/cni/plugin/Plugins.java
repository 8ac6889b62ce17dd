package io.calicoj.cni.plugin;

import java.util.HashMap;
import java.util.Map;

/** A plugin wired to fakes, and requests as the kubelet would make them. */
final class Plugins {

    static final String NODE = "node-1";
    static final String CONTAINER = "c0ffee0123456789";

    final FakeIpam ipam = new FakeIpam();
    final FakeNetworkSetup network = new FakeNetworkSetup();
    final FakeKubeApi api = new FakeKubeApi().withNode(NODE, "10.244.1.0/24").withPod("default", "nginx");
    final FakePodCidrCache podCidrs = new FakePodCidrCache();
    final Map<String, String> extraEnv = new HashMap<>();

    PluginContext context() {
        return new PluginContext(extraEnv, ipam, network, conf -> api, () -> NODE, podCidrs);
    }

    CniPlugin.Outcome run(String command, String config) {
        return run(command, CONTAINER, config);
    }

    CniPlugin.Outcome run(String command, String containerId, String config) {
        return run(command, containerId, "/var/run/netns/cjtest", config);
    }

    CniPlugin.Outcome run(String command, String containerId, String netns, String config) {
        Map<String, String> env = env(command, containerId);
        env.put("CNI_NETNS", netns);
        return new CniPlugin(context()).run(env, config);
    }

    Map<String, String> env(String command, String containerId) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("CNI_COMMAND", command);
        env.put("CNI_CONTAINERID", containerId);
        env.put("CNI_NETNS", "/var/run/netns/cjtest");
        env.put("CNI_IFNAME", "eth0");
        env.put("CNI_PATH", "/usr/lib/cni");
        env.put("CNI_ARGS", "IgnoreUnknown=1;K8S_POD_NAMESPACE=default;K8S_POD_NAME=nginx;K8S_POD_INFRA_CONTAINER_ID=" + containerId);
        return env;
    }

    static String config(String cniVersion) {
        return """
                {"cniVersion": "%s", "name": "k8s-pod-network", "type": "calico", "log_level": "info",
                 "datastore_type": "kubernetes", "nodename": "node-1", "mtu": 1440,
                 "ipam": {"type": "host-local", "subnet": "usePodCidr"},
                 "policy": {"type": "k8s", "k8s_auth_token": "s3cr3t-token"},
                 "kubernetes": {"kubeconfig": "/etc/cni/net.d/calico-kubeconfig"}}
                """.formatted(cniVersion);
    }
}
