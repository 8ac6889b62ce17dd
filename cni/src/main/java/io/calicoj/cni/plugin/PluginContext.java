package io.calicoj.cni.plugin;

import java.util.Map;
import java.util.Objects;

/** Everything a command talks to, injected so tests and the CDS training run can substitute fakes. */
public record PluginContext(Map<String, String> env, Ipam ipam, NetworkSetup network, KubeApiFactory kube, HostName hostName,
                     PodCidrCache podCidrs) {

    public PluginContext {
        env = Map.copyOf(env);
        Objects.requireNonNull(ipam, "ipam");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(kube, "kube");
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(podCidrs, "podCidrs");
    }
}
