package io.calicoj.cni.install;

import io.calicoj.cni.plugin.CniException;
import io.calicoj.cni.plugin.HostName;
import io.calicoj.json.JsonTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The network configuration install-cni writes: {@code CNI_NETWORK_CONFIG} (or the file
 * {@code CNI_NETWORK_CONFIG_FILE}, or a policy-only conflist with host-local usePodCidr) with
 * Calico's placeholders filled in from the environment and the service account.
 */
final class NetworkConfig {

    static final String DEFAULT_TEMPLATE = """
            {
              "name": "k8s-pod-network",
              "cniVersion": "0.3.1",
              "plugins": [
                {
                  "type": "calico",
                  "log_level": "info",
                  "datastore_type": "kubernetes",
                  "nodename": "__KUBERNETES_NODE_NAME__",
                  "mtu": __CNI_MTU__,
                  "ipam": {"type": "host-local", "subnet": "usePodCidr"},
                  "policy": {"type": "k8s"},
                  "kubernetes": {"kubeconfig": "__KUBECONFIG_FILEPATH__"}
                }
              ]
            }
            """;

    private final Map<String, String> env;

    NetworkConfig(Map<String, String> env) {
        this.env = env;
    }

    /** The configuration to write: the template rendered, checked to be JSON (without showing it: it may hold the token). */
    String rendered(ServiceAccount sa, Path netDir) throws InstallException {
        String rendered = render(template(), sa, netDir);
        try {
            JsonTrees.parse(rendered);
        } catch (RuntimeException e) {
            throw new InstallException("the network configuration is not valid JSON after substitution"
                    + " (check CNI_NETWORK_CONFIG): " + e.getMessage().lines().findFirst().orElse(""));
        }
        return rendered;
    }

    private String template() throws InstallException {
        String inline = env.getOrDefault("CNI_NETWORK_CONFIG", "");
        if (!inline.isBlank()) {
            return inline;
        }
        String file = env.getOrDefault("CNI_NETWORK_CONFIG_FILE", "");
        if (!file.isEmpty()) {
            try {
                return Files.readString(Path.of(file));
            } catch (IOException e) {
                throw new InstallException("CNI_NETWORK_CONFIG_FILE: cannot read " + file + ": " + e.getMessage());
            }
        }
        return DEFAULT_TEMPLATE;
    }

    /** Calico's placeholders, replaced everywhere in the template. */
    private String render(String template, ServiceAccount sa, Path netDir) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("__KUBERNETES_SERVICE_HOST__", env.getOrDefault("KUBERNETES_SERVICE_HOST", ""));
        values.put("__KUBERNETES_SERVICE_PORT__", env.getOrDefault("KUBERNETES_SERVICE_PORT", ""));
        values.put("__KUBERNETES_NODE_NAME__", nodeName());
        values.put("__KUBECONFIG_FILENAME__", InstallCni.KUBECONFIG_NAME);
        values.put("__KUBECONFIG_FILEPATH__", env.getOrDefault("KUBECONFIG_FILEPATH",
                hostPath(netDir.resolve(InstallCni.KUBECONFIG_NAME))));
        values.put("__SERVICEACCOUNT_TOKEN__", sa.token());
        values.put("__CNI_MTU__", env.getOrDefault("CNI_MTU", "1500"));
        values.put("__ETCD_ENDPOINTS__", env.getOrDefault("ETCD_ENDPOINTS", ""));
        values.put("__ETCD_KEY_FILE__", "");
        values.put("__ETCD_CERT_FILE__", "");
        values.put("__ETCD_CA_CERT_FILE__", "");
        String s = template;
        for (var e : values.entrySet()) {
            s = s.replace(e.getKey(), e.getValue());
        }
        return s;
    }

    private String nodeName() {
        String n = env.getOrDefault("KUBERNETES_NODE_NAME", "");
        if (!n.isEmpty()) {
            return n;
        }
        try {
            return HostName.SYSTEM.get();
        } catch (CniException e) {
            return "";
        }
    }

    /** The path as the host sees it: the container mounts the host's directories under /host. */
    static String hostPath(Path p) {
        String s = p.toString();
        return s.startsWith("/host/") ? s.substring("/host".length()) : s;
    }
}
