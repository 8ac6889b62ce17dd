package io.calicoj.sandbox.conformance;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.calicoj.model.IpAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The state a case describes, as the case's actions change it: namespace labels, pod labels and
 * the NetworkPolicies in force. Both runners apply actions here, then bring their cluster (the
 * model, or the sandbox's API server) to this state.
 */
public final class CaseCluster {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final Map<String, Map<String, String>> namespaces = new TreeMap<>();
    private final Map<PodRef, Map<String, String>> pods = new TreeMap<>();
    private final Map<String, NetworkPolicy> policies = new TreeMap<>();
    private final Map<String, SymbolDefinition> symbols;
    private final Map<PodRef, IpAddress> podIps;

    /** @param podIps every pod's address, for symbols */
    public CaseCluster(ConformanceCase c, Map<PodRef, IpAddress> podIps) {
        c.namespaces().forEach((ns, labels) -> namespaces.put(ns, new TreeMap<>(labels)));
        c.pods().forEach((pod, labels) -> pods.put(pod, new TreeMap<>(labels)));
        this.symbols = c.symbols();
        this.podIps = Map.copyOf(podIps);
    }

    public Map<String, Map<String, String>> namespaces() {
        return namespaces;
    }

    public Map<PodRef, Map<String, String>> pods() {
        return pods;
    }

    /** Policies in force, by {@code namespace/name}. */
    public Map<String, NetworkPolicy> policies() {
        return policies;
    }

    public void apply(CaseAction action) {
        if (action instanceof CaseAction.CreatePolicy a) {
            NetworkPolicy np = policy(a.manifest());
            String key = key(np);
            if (policies.containsKey(key)) {
                throw new CaseFormatException("create_policy: " + key + " already exists");
            }
            policies.put(key, np);
        } else if (action instanceof CaseAction.UpdatePolicy a) {
            NetworkPolicy np = policy(a.manifest());
            NetworkPolicy existing = policies.get(key(np));
            if (existing == null) {
                throw new CaseFormatException("update_policy: no policy " + key(np));
            }
            existing.setSpec(np.getSpec());
        } else if (action instanceof CaseAction.DeletePolicy a) {
            if (policies.remove(a.namespace() + "/" + a.name()) == null) {
                throw new CaseFormatException("delete_policy: no policy " + a.namespace() + "/" + a.name());
            }
        } else if (action instanceof CaseAction.AddNamespaceLabels a) {
            Map<String, String> labels = namespace(a.namespace());
            labels.putAll(a.labels());
            check("namespace " + a.namespace(), labels, a.resultingLabels());
        } else if (action instanceof CaseAction.RemoveNamespaceLabels a) {
            Map<String, String> labels = namespace(a.namespace());
            for (String k : a.keys()) {
                if (!k.equals("kubernetes.io/metadata.name")) {
                    labels.remove(k);
                }
            }
            check("namespace " + a.namespace(), labels, a.resultingLabels());
        } else if (action instanceof CaseAction.AddPodLabels a) {
            Map<String, String> labels = pods.get(a.pod());
            labels.putAll(a.labels());
            check("pod " + a.pod(), labels, a.resultingLabels());
        } else if (action instanceof CaseAction.RemovePodLabels a) {
            Map<String, String> labels = pods.get(a.pod());
            a.keys().forEach(labels::remove);
            check("pod " + a.pod(), labels, a.resultingLabels());
        } else {
            throw new CaseFormatException("unsupported action " + action);
        }
    }

    private Map<String, String> namespace(String ns) {
        Map<String, String> labels = namespaces.get(ns);
        if (labels == null) {
            throw new CaseFormatException("no namespace " + ns);
        }
        return labels;
    }

    private static void check(String what, Map<String, String> actual, Map<String, String> expected) {
        if (!actual.equals(expected)) {
            throw new CaseFormatException(what + ": labels are " + actual + " but the case says " + expected);
        }
    }

    /** The manifest with its {@code ${SYMBOL}}s replaced, as a fabric8 object. */
    private NetworkPolicy policy(String manifest) {
        String text = manifest;
        for (SymbolDefinition s : symbols.values()) {
            text = text.replace("${" + s.name() + "}", s.valueFor(podIps.get(s.pod())));
        }
        if (text.contains("${")) {
            throw new CaseFormatException("undefined symbol in " + text.substring(text.indexOf("${")).split("\\s")[0]);
        }
        NetworkPolicy np = SERIALIZATION.unmarshal(text, NetworkPolicy.class);
        if (np.getMetadata() == null || np.getMetadata().getName() == null || np.getMetadata().getNamespace() == null) {
            throw new CaseFormatException("a policy needs metadata.name and metadata.namespace");
        }
        return np;
    }

    private static String key(NetworkPolicy np) {
        return np.getMetadata().getNamespace() + "/" + np.getMetadata().getName();
    }

    /** The policies as a list, in key order. */
    public List<NetworkPolicy> policyList() {
        return new ArrayList<>(policies.values());
    }
}
