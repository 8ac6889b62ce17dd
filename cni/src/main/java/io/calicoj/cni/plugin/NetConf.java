package io.calicoj.cni.plugin;

import io.calicoj.datastore.config.DatastoreType;
import io.calicoj.datastore.config.KubernetesSettings;
import io.calicoj.datastore.config.Secret;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Calico's network configuration (stdin): the CNI fields plus {@code datastore_type},
 * {@code nodename} (deprecated {@code hostname}), {@code mtu}, {@code log_level},
 * {@code kubernetes} ({@code kubeconfig}, {@code k8s_api_root}, {@code node_name}), {@code policy}
 * ({@code type}, {@code k8s_api_root}, {@code k8s_auth_token}, {@code k8s_client_certificate},
 * {@code k8s_client_key}, {@code k8s_certificate_authority}) and {@code ipam}. The parsed JSON is
 * kept: the IPAM plugin gets it (with {@code usePodCidr} replaced).
 *
 * <p>{@link #toString()} never shows the token.
 */
record NetConf(ObjectNode json, String cniVersion, String name, String type, Optional<DatastoreType> datastoreType,
               String nodename, boolean usesDeprecatedHostname, int mtu, String logLevel,
               String kubeconfig, String kubernetesApiRoot, String kubernetesNodeName,
               String policyType, String policyApiRoot, Secret policyToken,
               String clientCertificate, String clientKey, String certificateAuthority,
               String ipamType, ObjectNode ipam) {

    /** The network name rule of libcni. */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.\\-]*");

    static final int MIN_MTU = 68;
    static final int MAX_MTU = 65535;

    NetConf {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(ipam, "ipam");
    }

    /** Decodes only the version, for the version check that comes before everything else. */
    static String cniVersionOf(ObjectNode json) throws CniException {
        String v = Json.string(json, "cniVersion", "cniVersion");
        return v.isEmpty() ? CniVersions.IMPLICIT : v;
    }

    static NetConf parse(ObjectNode json) throws CniException {
        String version = cniVersionOf(json);
        String name = Json.string(json, "name", "name");
        if (name.isEmpty()) {
            throw invalid("missing network name");
        }
        if (!NAME.matcher(name).matches()) {
            throw invalid("name: invalid network name \"" + name
                    + "\": it must start with a letter or digit and contain only letters, digits, '_', '.' and '-'");
        }
        String type = Json.string(json, "type", "type");
        String ds = Json.string(json, "datastore_type", "datastore_type");
        Optional<DatastoreType> datastore = Optional.empty();
        if (!ds.isEmpty()) {
            try {
                datastore = Optional.of(DatastoreType.parse("datastore_type", ds));
            } catch (RuntimeException e) {
                throw invalid(e.getMessage());
            }
        }
        String nodename = Json.string(json, "nodename", "nodename");
        String hostname = Json.string(json, "hostname", "hostname");
        boolean deprecated = nodename.isEmpty() && !hostname.isEmpty();
        if (deprecated) {
            nodename = hostname;
        }
        int mtu = mtu(json.get("mtu"));
        String logLevel = Json.string(json, "log_level", "log_level");

        JsonNode k8s = Json.object(json, "kubernetes", "kubernetes");
        JsonNode policy = Json.object(json, "policy", "policy");
        String token = Json.string(policy, "k8s_auth_token", "policy.k8s_auth_token");

        JsonNode ipamNode = json.get("ipam");
        if (ipamNode == null || ipamNode.isNull()) {
            throw invalid("ipam: missing: the IPAM plugin (e.g. {\"type\": \"host-local\", \"subnet\": \"usePodCidr\"}) must be configured");
        }
        if (!ipamNode.isObject()) {
            throw invalid("ipam: expected an object, got " + ipamNode);
        }
        String ipamType = Json.string(ipamNode, "type", "ipam.type");
        checkPluginName(ipamType);
        return new NetConf(json, version, name, type, datastore, nodename, deprecated, mtu, logLevel,
                Json.string(k8s, "kubeconfig", "kubernetes.kubeconfig"),
                Json.string(k8s, "k8s_api_root", "kubernetes.k8s_api_root"),
                Json.string(k8s, "node_name", "kubernetes.node_name"),
                Json.string(policy, "type", "policy.type"),
                Json.string(policy, "k8s_api_root", "policy.k8s_api_root"),
                token.isEmpty() ? null : Secret.of(token),
                Json.string(policy, "k8s_client_certificate", "policy.k8s_client_certificate"),
                Json.string(policy, "k8s_client_key", "policy.k8s_client_key"),
                Json.string(policy, "k8s_certificate_authority", "policy.k8s_certificate_authority"),
                ipamType, (ObjectNode) ipamNode);
    }

    /**
     * An IPAM {@code type} is a file name looked up in {@code CNI_PATH}; anything that could walk
     * out of those directories (CVE-2021-20206) is refused.
     */
    static void checkPluginName(String type) throws CniException {
        if (type.isEmpty()) {
            throw invalid("ipam.type: missing: name the IPAM plugin, e.g. host-local");
        }
        if (type.indexOf('/') >= 0 || type.indexOf('\\') >= 0 || type.contains("..") || type.indexOf('\0') >= 0
                || type.equals(".") || type.length() > 255) {
            throw invalid("ipam.type: invalid plugin name \"" + type
                    + "\": it must be a plain file name in CNI_PATH (no '/', no '..')");
        }
    }

    private static int mtu(JsonNode v) throws CniException {
        if (v == null || v.isNull()) {
            return 0;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw invalid("mtu: expected a number, got " + v);
        }
        int mtu = v.asInt();
        if (mtu != 0 && (mtu < MIN_MTU || mtu > MAX_MTU)) {
            throw invalid("mtu: invalid value " + mtu + ": must be 0 (the kernel default) or " + MIN_MTU + "–" + MAX_MTU);
        }
        return mtu;
    }

    private static CniException invalid(String msg) {
        return new CniException(CniException.INVALID_NETWORK_CONFIG, msg);
    }

    /** The datastore: the netconf's {@code datastore_type}, else the environment's, else kubernetes. */
    DatastoreType datastore(DatastoreType fromEnvironment) {
        return datastoreType.orElse(fromEnvironment);
    }

    /**
     * The Kubernetes connection settings: the environment's ({@code KUBECONFIG}, {@code K8S_*}),
     * overridden by the netconf's {@code kubernetes.kubeconfig}, API root
     * ({@code kubernetes.k8s_api_root}, else {@code policy.k8s_api_root}), {@code policy.k8s_auth_token}
     * and the {@code policy} TLS files — as Calico exports them into its datastore environment.
     */
    KubernetesSettings kubernetesSettings(KubernetesSettings env) {
        String apiRoot = kubernetesApiRoot.isEmpty() ? policyApiRoot : kubernetesApiRoot;
        return new KubernetesSettings(
                kubeconfig.isEmpty() ? env.kubeconfig() : kubeconfig,
                apiRoot.isEmpty() ? env.apiEndpoint() : stripApiPath(apiRoot),
                clientCertificate.isEmpty() ? env.certFile() : clientCertificate,
                clientKey.isEmpty() ? env.keyFile() : clientKey,
                certificateAuthority.isEmpty() ? env.caFile() : certificateAuthority,
                policyToken == null ? env.token() : policyToken,
                env.insecureSkipTlsVerify(), env.disableNodePoll());
    }

    /** Calico drops anything from {@code /api/} on (old configs give {@code https://host:443/api/v1/}). */
    static String stripApiPath(String root) {
        int i = root.indexOf("/api/");
        String r = i >= 0 ? root.substring(0, i) : root;
        return r.endsWith("/api") ? r.substring(0, r.length() - 4) : r;
    }

    boolean isKubernetesPolicy() {
        return policyType.toLowerCase(Locale.ROOT).equals("k8s");
    }

    @Override
    public String toString() {
        return "NetConf[cniVersion=" + cniVersion + ", name=" + name + ", type=" + type
                + ", datastore_type=" + datastoreType.map(DatastoreType::value).orElse("") + ", nodename=" + nodename
                + ", mtu=" + mtu + ", log_level=" + logLevel + ", kubeconfig=" + kubeconfig
                + ", k8s_api_root=" + (kubernetesApiRoot.isEmpty() ? policyApiRoot : kubernetesApiRoot)
                + ", node_name=" + kubernetesNodeName + ", policy.type=" + policyType
                + ", k8s_auth_token=" + (policyToken == null ? "" : policyToken) + ", ipam.type=" + ipamType + "]";
    }
}
