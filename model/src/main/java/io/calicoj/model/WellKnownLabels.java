package io.calicoj.model;

/** Label names and prefixes Calico adds to Kubernetes-derived objects. */
public final class WellKnownLabels {

    /** On every pod's endpoint: the pod's namespace. */
    public static final String NAMESPACE = "projectcalico.org/namespace";
    /** On every pod's endpoint: {@code k8s}. */
    public static final String ORCHESTRATOR = "projectcalico.org/orchestrator";
    /** On a pod's endpoint: its service account (when the name is a valid label value). */
    public static final String SERVICE_ACCOUNT = "projectcalico.org/serviceaccount";
    /** Prefix of the namespace labels a namespace profile ({@code kns.<ns>}) applies to its endpoints. */
    public static final String NAMESPACE_LABEL_PREFIX = "pcns.";
    /** Applied by every namespace profile: the namespace's name. */
    public static final String NAMESPACE_NAME = NAMESPACE_LABEL_PREFIX + "projectcalico.org/name";
    /** Prefix of the service-account labels a service-account profile applies. */
    public static final String SERVICE_ACCOUNT_LABEL_PREFIX = "pcsa.";

    public static final String ORCHESTRATOR_K8S = "k8s";

    private WellKnownLabels() {
    }
}
