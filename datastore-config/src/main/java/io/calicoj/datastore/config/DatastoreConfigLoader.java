package io.calicoj.datastore.config;

import io.calicoj.json.JsonTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Loads a {@link DatastoreConfig} from the environment or from a {@code calicoctl.cfg} file.
 *
 * <p>Environment: each setting is read as {@code CALICO_<NAME>} first, then {@code <NAME>}
 * ({@code DATASTORE_TYPE}, {@code KUBECONFIG}, {@code K8S_API_ENDPOINT}, {@code K8S_CERT_FILE},
 * {@code K8S_KEY_FILE}, {@code K8S_CA_FILE}, {@code K8S_API_TOKEN} or {@code K8S_TOKEN},
 * {@code K8S_INSECURE_SKIP_TLS_VERIFY}, {@code K8S_DISABLE_NODE_POLL}, {@code ETCD_ENDPOINTS},
 * {@code ETCD_AUTHORITY}, {@code ETCD_SCHEME}, {@code ETCD_USERNAME}, {@code ETCD_PASSWORD},
 * {@code ETCD_KEY_FILE}, {@code ETCD_CERT_FILE}, {@code ETCD_CA_CERT_FILE}). The datastore type
 * defaults to {@code kubernetes}.
 *
 * <p>File: YAML or JSON, {@code apiVersion: projectcalico.org/v3} with {@code kind: CalicoAPIConfig}
 * (or the old {@code v1}/{@code calicoApiConfig}), settings under {@code spec} with Calico's
 * names ({@code datastoreType}, {@code kubeconfig}, {@code k8sAPIEndpoint}, {@code k8sCertFile},
 * {@code k8sKeyFile}, {@code k8sCAFile}, {@code k8sAPIToken} or {@code k8sToken},
 * {@code k8sInsecureSkipTLSVerify}, {@code k8sDisableNodePoll}, {@code etcdEndpoints},
 * {@code etcdAuthority}, {@code etcdScheme}, {@code etcdUsername}, {@code etcdPassword},
 * {@code etcdKeyFile}, {@code etcdCertFile}, {@code etcdCACertFile}). Unknown keys are errors.
 */
public final class DatastoreConfigLoader {

    /** calicoctl's default configuration file. */
    public static final Path DEFAULT_CALICOCTL_CONFIG = Path.of("/etc/calico/calicoctl.cfg");

    private static final String ENVIRONMENT = "environment";

    /** Settings and their environment names, in the order of the file's spec keys. */
    private enum Setting {
        DATASTORE_TYPE("datastoreType"),
        KUBECONFIG("kubeconfig"),
        K8S_API_ENDPOINT("k8sAPIEndpoint"),
        K8S_CERT_FILE("k8sCertFile"),
        K8S_KEY_FILE("k8sKeyFile"),
        K8S_CA_FILE("k8sCAFile"),
        K8S_API_TOKEN("k8sAPIToken"),
        K8S_TOKEN("k8sToken"),
        K8S_INSECURE_SKIP_TLS_VERIFY("k8sInsecureSkipTLSVerify"),
        K8S_DISABLE_NODE_POLL("k8sDisableNodePoll"),
        ETCD_ENDPOINTS("etcdEndpoints"),
        ETCD_AUTHORITY("etcdAuthority"),
        ETCD_SCHEME("etcdScheme"),
        ETCD_USERNAME("etcdUsername"),
        ETCD_PASSWORD("etcdPassword"),
        ETCD_KEY_FILE("etcdKeyFile"),
        ETCD_CERT_FILE("etcdCertFile"),
        ETCD_CA_CERT_FILE("etcdCACertFile");

        final String fileKey;

        Setting(String fileKey) {
            this.fileKey = fileKey;
        }
    }

    private static final Set<String> TOP_LEVEL = Set.of("apiVersion", "kind", "metadata", "spec");

    private DatastoreConfigLoader() {
    }

    /** From environment variables (with or without the {@code CALICO_} prefix). */
    public static DatastoreConfig fromEnvironment(Map<String, String> env) {
        Map<Setting, String> values = new LinkedHashMap<>();
        for (Setting s : Setting.values()) {
            String v = env.get("CALICO_" + s.name());
            if (v == null) {
                v = env.get(s.name());
            }
            if (v != null && !v.isEmpty()) {
                values.put(s, v);
            }
        }
        return build(values, ENVIRONMENT, name -> name);
    }

    /**
     * calicoctl's rule: the file when it exists, otherwise the environment.
     *
     * @param file the {@code -c/--config} file, or {@link #DEFAULT_CALICOCTL_CONFIG}
     */
    public static DatastoreConfig forCalicoctl(Path file, Map<String, String> env) {
        return Files.exists(file) ? fromFile(file) : fromEnvironment(env);
    }

    /** From a {@code calicoctl.cfg} file (YAML or JSON). */
    public static DatastoreConfig fromFile(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        return fromText(text, file.toString());
    }

    static DatastoreConfig fromText(String text, String source) {
        JsonNode root;
        try {
            root = JsonTrees.parseYamlOrJson(text);
        } catch (JacksonException e) {
            throw new ConfigException("invalid config file " + source + ": not YAML or JSON: " + e.getOriginalMessage());
        }
        if (!root.isObject()) {
            throw new ConfigException("invalid config file " + source + ": expected a CalicoAPIConfig object");
        }
        for (String key : root.propertyNames()) {
            if (!TOP_LEVEL.contains(key)) {
                throw new ConfigException("invalid config file " + source + ": unknown field \"" + key + "\"");
            }
        }
        String apiVersion = root.path("apiVersion").asString("");
        String kind = root.path("kind").asString("");
        boolean v3 = apiVersion.equals("projectcalico.org/v3");
        if (!v3 && !apiVersion.equals("v1")) {
            throw new ConfigException("invalid config file " + source + ": unknown APIVersion '" + apiVersion + "'");
        }
        String expectedKind = v3 ? "CalicoAPIConfig" : "calicoApiConfig";
        if (!kind.equals(expectedKind)) {
            throw new ConfigException("invalid config file " + source + ": expected kind '" + expectedKind
                    + "', got '" + kind + "'");
        }
        Map<Setting, String> values = new LinkedHashMap<>();
        JsonNode spec = root.path("spec");
        if (!spec.isMissingNode() && !spec.isNull()) {
            if (!spec.isObject()) {
                throw new ConfigException("invalid config file " + source + ": spec must be a mapping");
            }
            for (String key : spec.propertyNames()) {
                Setting s = Arrays.stream(Setting.values()).filter(x -> x.fileKey.equals(key)).findFirst()
                        .orElseThrow(() -> new ConfigException("invalid config file " + source
                                + ": unknown field \"spec." + key + "\""));
                JsonNode v = spec.get(key);
                if (!v.isValueNode()) {
                    throw new ConfigException("invalid config file " + source + ": spec." + key + " must be a single value");
                }
                if (!v.isNull() && !v.asString().isEmpty()) {
                    values.put(s, v.asString());
                }
            }
        }
        return build(values, source, name -> "spec." + Setting.valueOf(name).fileKey);
    }

    private static DatastoreConfig build(Map<Setting, String> v, String source,
                                         java.util.function.UnaryOperator<String> label) {
        DatastoreType type = v.containsKey(Setting.DATASTORE_TYPE)
                ? DatastoreType.parse(label.apply(Setting.DATASTORE_TYPE.name()), v.get(Setting.DATASTORE_TYPE))
                : DatastoreType.KUBERNETES;
        String token = v.getOrDefault(Setting.K8S_API_TOKEN, v.get(Setting.K8S_TOKEN));
        KubernetesSettings k8s = new KubernetesSettings(
                v.getOrDefault(Setting.KUBECONFIG, ""),
                v.getOrDefault(Setting.K8S_API_ENDPOINT, ""),
                v.getOrDefault(Setting.K8S_CERT_FILE, ""),
                v.getOrDefault(Setting.K8S_KEY_FILE, ""),
                v.getOrDefault(Setting.K8S_CA_FILE, ""),
                token == null ? null : Secret.of(token),
                bool(label.apply(Setting.K8S_INSECURE_SKIP_TLS_VERIFY.name()), v.get(Setting.K8S_INSECURE_SKIP_TLS_VERIFY)),
                bool(label.apply(Setting.K8S_DISABLE_NODE_POLL.name()), v.get(Setting.K8S_DISABLE_NODE_POLL)));
        List<String> endpoints = new ArrayList<>();
        if (v.containsKey(Setting.ETCD_ENDPOINTS)) {
            for (String e : v.get(Setting.ETCD_ENDPOINTS).split(",")) {
                if (!e.isBlank()) {
                    endpoints.add(e.trim());
                }
            }
        } else {
            endpoints.add(v.getOrDefault(Setting.ETCD_SCHEME, "http") + "://"
                    + v.getOrDefault(Setting.ETCD_AUTHORITY, "127.0.0.1:2379"));
        }
        String password = v.get(Setting.ETCD_PASSWORD);
        EtcdSettings etcd = new EtcdSettings(endpoints, v.getOrDefault(Setting.ETCD_USERNAME, ""),
                password == null ? null : Secret.of(password), v.getOrDefault(Setting.ETCD_KEY_FILE, ""),
                v.getOrDefault(Setting.ETCD_CERT_FILE, ""), v.getOrDefault(Setting.ETCD_CA_CERT_FILE, ""));
        return new DatastoreConfig(type, k8s, etcd, source);
    }

    /** Felix's boolean syntax: true/1/yes/y/t and false/0/no/n/f, any case. */
    static boolean bool(String name, String value) {
        if (value == null) {
            return false;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "y", "t" -> true;
            case "false", "0", "no", "n", "f", "" -> false;
            default -> throw new ConfigException(name + ": invalid value \"" + value + "\": must be true or false");
        };
    }
}
