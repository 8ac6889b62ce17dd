package io.calicoj.model.k8s;

import io.calicoj.model.Cidr;
import io.calicoj.model.EndpointPort;
import io.calicoj.model.InvalidResourceException;
import io.calicoj.model.IpAddress;
import io.calicoj.model.ObjectMeta;
import io.calicoj.model.Protocol;
import io.calicoj.model.WellKnownLabels;
import io.calicoj.model.WorkloadEndpoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Pod → WorkloadEndpoint, as modern Calico derives it. A pod has no endpoint when it uses the
 * host network, is not scheduled, has finished, or has no IP yet.
 */
public final class PodConverter {

    private static final Pattern LABEL_VALUE = Pattern.compile("([a-zA-Z0-9]([a-zA-Z0-9_.\\-]{0,61}[a-zA-Z0-9])?)?");

    private final String interfacePrefix;

    /** @param interfacePrefix the {@code FELIX_INTERFACEPREFIX} value ({@code cali} by default) */
    public PodConverter(String interfacePrefix) {
        this.interfacePrefix = interfacePrefix;
    }

    public PodConverter() {
        this(VethNames.DEFAULT_PREFIX);
    }

    /** Why a pod has no endpoint, or empty when it has one. */
    public static Optional<String> skipReason(KubePod pod) {
        if (pod.hostNetwork()) {
            return Optional.of("uses the host network");
        }
        if (pod.nodeName().isEmpty()) {
            return Optional.of("is not scheduled");
        }
        if (isFinished(pod)) {
            return Optional.of("has finished");
        }
        if (rawIps(pod).isEmpty()) {
            return Optional.of("has no IP yet");
        }
        return Optional.empty();
    }

    /**
     * A finished pod keeps no endpoint: phase Succeeded or Failed, or terminating after the CNI
     * plugin's DEL blanked its {@code cni.projectcalico.org/podIP} annotation.
     */
    public static boolean isFinished(KubePod pod) {
        if (pod.phase().equals("Succeeded") || pod.phase().equals("Failed")) {
            return true;
        }
        return pod.terminating() && pod.annotationPodIp() != null && pod.annotationPodIp().isEmpty();
    }

    /**
     * The pod's endpoint, or empty when the pod has none.
     *
     * @throws InvalidResourceException naming the pod, field and value when an IP cannot be parsed
     */
    public Optional<WorkloadEndpoint> toWorkloadEndpoint(KubePod pod) {
        if (skipReason(pod).isPresent()) {
            return Optional.empty();
        }
        try {
            return Optional.of(convert(pod));
        } catch (InvalidResourceException e) {
            throw e.forObject("Pod " + pod.qualifiedName());
        }
    }

    private WorkloadEndpoint convert(KubePod pod) {
        List<Cidr> nets = new ArrayList<>();
        List<String> raw = rawIps(pod);
        String field = !pod.podIps().isEmpty() ? "status.podIPs"
                : "metadata.annotations[" + (pod.annotationPodIps() != null && !pod.annotationPodIps().isBlank()
                ? KubePod.ANNOTATION_POD_IPS : KubePod.ANNOTATION_POD_IP) + "]";
        for (int i = 0; i < raw.size(); i++) {
            String ip = raw.get(i).trim();
            try {
                // Calico accepts an address, or (from annotations) an address with a prefix.
                IpAddress addr = ip.indexOf('/') >= 0 ? Cidr.parse(ip).address() : IpAddress.parse(ip);
                nets.add(Cidr.host(addr));
            } catch (InvalidResourceException e) {
                throw new InvalidResourceException(field + "[" + i + "]", ip, "not an IP address");
            }
        }

        Map<String, String> labels = new HashMap<>(pod.labels());
        labels.put(WellKnownLabels.NAMESPACE, pod.namespace());
        labels.put(WellKnownLabels.ORCHESTRATOR, WellKnownLabels.ORCHESTRATOR_K8S);
        if (!pod.serviceAccountName().isEmpty() && LABEL_VALUE.matcher(pod.serviceAccountName()).matches()) {
            labels.put(WellKnownLabels.SERVICE_ACCOUNT, pod.serviceAccountName());
        }

        List<EndpointPort> ports = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (KubePod.KubeContainerPort cp : pod.containerPorts()) {
            if (cp.name().isEmpty()) {
                continue;
            }
            Protocol protocol;
            try {
                protocol = Protocol.parse(cp.protocol().isEmpty() ? "TCP" : cp.protocol());
            } catch (InvalidResourceException e) {
                continue; // Kubernetes only allows TCP, UDP and SCTP; anything else is not exported
            }
            if (!protocol.supportsPorts() || cp.containerPort() < 1 || cp.containerPort() > 65535
                    || !seen.add(cp.name() + "/" + protocol.name())) {
                continue;
            }
            ports.add(new EndpointPort(cp.name(), protocol, cp.containerPort()));
        }

        ObjectMeta meta = new ObjectMeta(
                WorkloadEndpointNames.forPod(pod.nodeName(), pod.name()), pod.namespace(), labels, Map.of(),
                pod.resourceVersion(), pod.uid(), "");
        WorkloadEndpoint.Spec spec = new WorkloadEndpoint.Spec(
                WellKnownLabels.ORCHESTRATOR_K8S, "", pod.nodeName(), "", pod.name(), "eth0",
                pod.serviceAccountName(), nets, List.of(), "", "",
                List.of(NamespaceConverter.profileName(pod.namespace())),
                VethNames.hostInterfaceName(interfacePrefix, pod.namespace(), pod.name()), "", ports);
        return new WorkloadEndpoint(meta, spec);
    }

    /** IPs in Calico's order of preference: status.podIPs/podIP, then the CNI plugin's annotations. */
    private static List<String> rawIps(KubePod pod) {
        List<String> ips = new ArrayList<>();
        for (String ip : pod.podIps()) {
            if (!ip.isBlank()) {
                ips.add(ip);
            }
        }
        if (ips.isEmpty() && pod.annotationPodIps() != null && !pod.annotationPodIps().isBlank()) {
            for (String ip : pod.annotationPodIps().split(",")) {
                if (!ip.isBlank()) {
                    ips.add(ip);
                }
            }
        }
        if (ips.isEmpty() && pod.annotationPodIp() != null && !pod.annotationPodIp().isBlank()) {
            ips.add(pod.annotationPodIp());
        }
        return ips;
    }
}
