package io.calicoj.agent.status;

import io.calicoj.kube.client.KubernetesCalicoClient;
import io.calicoj.model.ResourceKey;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Calico's endpoint status file names ({@code libcalico-go/lib/names/workloadendpointstatus.go}):
 * orchestrator ID, workload ID ({@code <namespace>/<pod>}) and endpoint ID, each escaped as Go's
 * {@code url.PathEscape} escapes a path segment, joined by a space: {@code k8s ns1%2Fdb eth0}. The
 * pod comes from the WorkloadEndpoint's name, {@code <node>-k8s-<pod>-eth0} (the only endpoints of the
 * Kubernetes datastore).
 */
public final class StatusFileNames {

    private StatusFileNames() {
    }

    /** The file name of a pod's workload endpoint, or empty when its name is not a pod endpoint's. */
    public static Optional<String> of(ResourceKey workloadEndpoint) {
        return KubernetesCalicoClient.podName(workloadEndpoint.name())
                .map(pod -> "k8s " + pathEscape(workloadEndpoint.namespace() + "/" + pod) + " eth0");
    }
    /** Go's {@code url.PathEscape}: everything but letters, digits, {@code -_.~} and {@code $&+:=@} as {@code %XX} (UTF-8). */
    static String pathEscape(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-_.~$&+:=@".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
