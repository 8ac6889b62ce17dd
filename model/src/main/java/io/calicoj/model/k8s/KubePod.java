package io.calicoj.model.k8s;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The fields of a Kubernetes Pod that Calico uses, and nothing else: this is what the syncer
 * keeps per pod (a few hundred bytes instead of a whole API object).
 *
 * @param phase           {@code status.phase}, empty when unset
 * @param terminating     whether {@code metadata.deletionTimestamp} is set
 * @param podIps          {@code status.podIPs} (or {@code [status.podIP]}), as text, unvalidated
 * @param annotationPodIp value of {@code cni.projectcalico.org/podIP}, or {@code null} when absent
 * @param annotationPodIps value of {@code cni.projectcalico.org/podIPs}, or {@code null} when absent
 */
public record KubePod(
        String namespace,
        String name,
        String uid,
        String resourceVersion,
        String nodeName,
        boolean hostNetwork,
        String phase,
        boolean terminating,
        Map<String, String> labels,
        List<String> podIps,
        String annotationPodIp,
        String annotationPodIps,
        String serviceAccountName,
        List<KubeContainerPort> containerPorts) {

    public static final String ANNOTATION_POD_IP = "cni.projectcalico.org/podIP";
    public static final String ANNOTATION_POD_IPS = "cni.projectcalico.org/podIPs";

    public KubePod {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(resourceVersion, "resourceVersion");
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(serviceAccountName, "serviceAccountName");
        labels = Map.copyOf(labels);
        podIps = List.copyOf(podIps);
        containerPorts = List.copyOf(containerPorts);
    }

    /** {@code namespace/name}. */
    public String qualifiedName() {
        return namespace + "/" + name;
    }

    /** One container port: {@code name} is empty for unnamed ports, {@code protocol} as written (default TCP). */
    public record KubeContainerPort(String name, int containerPort, String protocol) {
        public KubeContainerPort {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(protocol, "protocol");
        }
    }
}
