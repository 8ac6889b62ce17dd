package io.calicoj.kube.connection;

import io.calicoj.datastore.config.ConfigException;
import io.calicoj.datastore.config.Secret;
import io.calicoj.json.JsonTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The parts of a kubeconfig file a client needs, for its current context: server, CA, client
 * certificate and key, token and the insecure flag. File paths inside it are relative to its
 * directory. Exec and auth-provider plugins are not supported (an error says so).
 */
record Kubeconfig(String server, String caPem, String clientCertPem, String clientKeyPem, Secret token,
                  boolean insecureSkipTlsVerify) {

    static Kubeconfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException("kubeconfig " + file + ": cannot read: " + e.getMessage(), e);
        }
        JsonNode root;
        try {
            root = JsonTrees.parseYamlOrJson(text);
        } catch (JacksonException e) {
            throw new ConfigException("kubeconfig " + file + ": not valid YAML: " + e.getOriginalMessage());
        }
        if (!root.isObject()) {
            throw new ConfigException("kubeconfig " + file + ": not a kubeconfig");
        }
        String contextName = root.path("current-context").asString("");
        if (contextName.isEmpty()) {
            throw new ConfigException("kubeconfig " + file + ": current-context is not set");
        }
        JsonNode context = named(root, "contexts", contextName, "context", file);
        String clusterName = context.path("cluster").asString("");
        JsonNode cluster = named(root, "clusters", clusterName, "cluster", file);
        String userName = context.path("user").asString("");
        JsonNode user = userName.isEmpty() ? null : named(root, "users", userName, "user", file);
        Path dir = file.toAbsolutePath().getParent();

        String server = cluster.path("server").asString("");
        String ca = material(cluster, "certificate-authority", dir, file);
        boolean insecure = cluster.path("insecure-skip-tls-verify").asBoolean(false);
        String cert = null;
        String key = null;
        Secret token = null;
        if (user != null) {
            if (user.has("exec") || user.has("auth-provider")) {
                throw new ConfigException("kubeconfig " + file + ": user \"" + userName
                        + "\" uses an exec or auth-provider plugin, which Calico/J does not support; use a token or client certificate");
            }
            cert = material(user, "client-certificate", dir, file);
            key = material(user, "client-key", dir, file);
            String t = user.path("token").asString("");
            if (t.isEmpty() && user.has("tokenFile")) {
                t = read(resolve(dir, user.path("tokenFile").asString("")), "users." + userName + ".tokenFile", file).trim();
            }
            token = t.isEmpty() ? null : Secret.of(t);
        }
        return new Kubeconfig(server, ca, cert, key, token, insecure);
    }

    private static JsonNode named(JsonNode root, String list, String name, String field, Path file) {
        for (JsonNode entry : root.path(list)) {
            if (entry.path("name").asString("").equals(name)) {
                JsonNode value = entry.path(field);
                if (value.isObject()) {
                    return value;
                }
            }
        }
        throw new ConfigException("kubeconfig " + file + ": no " + field + " named \"" + name + "\" in " + list);
    }

    /** PEM text from {@code <field>-data} (base64) or the file {@code <field>}; {@code null} when neither is set. */
    private static String material(JsonNode node, String field, Path dir, Path file) {
        String data = node.path(field + "-data").asString("");
        if (!data.isEmpty()) {
            try {
                return new String(Base64.getMimeDecoder().decode(data), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("kubeconfig " + file + ": " + field + "-data is not valid base64");
            }
        }
        String path = node.path(field).asString("");
        return path.isEmpty() ? null : read(resolve(dir, path), field, file);
    }

    private static Path resolve(Path dir, String path) {
        Path p = Path.of(path);
        return p.isAbsolute() || dir == null ? p : dir.resolve(p);
    }

    private static String read(Path p, String field, Path kubeconfig) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new ConfigException("kubeconfig " + kubeconfig + ": " + field + ": cannot read " + p + ": " + e.getMessage(), e);
        }
    }
}
