package io.calicoj.cni.plugin;

import io.calicoj.json.JsonTrees;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.databind.node.ObjectNode;

/**
 * The kubeconfig the plugin is given ({@code calico-kubeconfig}, written by install-cni): one
 * cluster and one user as Calico's install writes it ({@code local}, {@code calico},
 * {@code calico-context}), in JSON, which kubectl reads too: the plugin then reads it without
 * loading a YAML parser.
 */
public final class CalicoKubeconfig {

    private CalicoKubeconfig() {
    }

    /** @param caPem the CA to trust; empty for {@code insecure-skip-tls-verify: true} */
    public static String json(String server, String caPem, String token) {
        ObjectNode root = JsonTrees.object();
        root.put("apiVersion", "v1").put("kind", "Config");
        ObjectNode cluster = root.putArray("clusters").addObject().put("name", "local").putObject("cluster").put("server", server);
        if (caPem.isEmpty()) {
            cluster.put("insecure-skip-tls-verify", true);
        } else {
            cluster.put("certificate-authority-data", Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.UTF_8)));
        }
        root.putArray("users").addObject().put("name", "calico").putObject("user").put("token", token);
        root.putArray("contexts").addObject().put("name", "calico-context").putObject("context").put("cluster", "local")
                .put("user", "calico");
        root.put("current-context", "calico-context");
        return JsonTrees.write(root) + "\n";
    }
}
