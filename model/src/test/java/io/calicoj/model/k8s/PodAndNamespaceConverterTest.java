package io.calicoj.model.k8s;

import static io.calicoj.model.k8s.KubeFixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calicoj.model.Cidr;
import io.calicoj.model.EndpointPort;
import io.calicoj.model.InvalidResourceException;
import io.calicoj.model.Profile;
import io.calicoj.model.Protocol;
import io.calicoj.model.Rule;
import io.calicoj.model.WorkloadEndpoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodAndNamespaceConverterTest {

    private final PodConverter converter = new PodConverter();

    @Test
    void aRunningScheduledPodWithAnIpBecomesAnEndpoint() {
        WorkloadEndpoint wep = converter.toWorkloadEndpoint(pod("default", "nginx", "node-1", "10.244.1.5",
                Map.of("app", "web"))).orElseThrow();
        assertThat(wep.metadata().name()).isEqualTo("node--1-k8s-nginx-eth0");
        assertThat(wep.metadata().namespace()).isEqualTo("default");
        assertThat(wep.metadata().labels()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "app", "web", "projectcalico.org/namespace", "default", "projectcalico.org/orchestrator", "k8s"));
        assertThat(wep.spec().interfaceName()).isEqualTo("calic440f455693");
        assertThat(wep.spec().ipNetworks()).containsExactly(Cidr.parse("10.244.1.5/32"));
        assertThat(wep.spec().profiles()).containsExactly("kns.default");
        assertThat(wep.spec().endpoint()).isEqualTo("eth0");
        assertThat(wep.spec().orchestrator()).isEqualTo("k8s");
        assertThat(wep.workloadId()).isEqualTo("default.nginx");
    }

    @Test
    void podsWithoutAnEndpoint() {
        KubePod base = pod("x", "p", "n1", "10.0.0.1", Map.of());
        assertThat(PodConverter.skipReason(withHostNetwork(base))).contains("uses the host network");
        assertThat(PodConverter.skipReason(pod("x", "p", "", "10.0.0.1", Map.of()))).contains("is not scheduled");
        assertThat(PodConverter.skipReason(pod("x", "p", "n1", null, Map.of()))).contains("has no IP yet");
        assertThat(PodConverter.skipReason(withPhase(base, "Succeeded"))).contains("has finished");
        assertThat(PodConverter.skipReason(withPhase(base, "Failed"))).contains("has finished");
        assertThat(PodConverter.skipReason(base)).isEmpty();
    }

    @Test
    void aTerminatingPodWhoseCniPluginBlankedItsIpAnnotationHasFinished() {
        KubePod p = new KubePod("x", "p", "u", "1", "n1", false, "Running", true, Map.of(), List.of("10.0.0.1"),
                "", null, "", List.of());
        assertThat(PodConverter.isFinished(p)).isTrue();
    }

    @Test
    void ipsComeFromStatusThenFromTheCniAnnotations() {
        KubePod fromAnnotations = new KubePod("x", "p", "u", "1", "n1", false, "Pending", false, Map.of(), List.of(),
                "10.0.0.9", "10.0.0.7,fd00::7", "", List.of());
        assertThat(converter.toWorkloadEndpoint(fromAnnotations).orElseThrow().spec().ipNetworks())
                .containsExactly(Cidr.parse("10.0.0.7/32"), Cidr.parse("fd00::7/128"));
    }

    @Test
    void anUnparsableIpIsAnErrorNamingThePodFieldAndValue() {
        assertThatThrownBy(() -> converter.toWorkloadEndpoint(pod("x", "p", "n1", "10.0.0.300", Map.of())))
                .isInstanceOf(InvalidResourceException.class)
                .hasMessage("Pod x/p: status.podIPs[0]: invalid value \"10.0.0.300\": not an IP address");
    }

    @Test
    void namedContainerPortsAreExported() {
        KubePod p = new KubePod("x", "p", "u", "1", "n1", false, "Running", false, Map.of(), List.of("10.0.0.1"),
                null, null, "default", List.of(
                new KubePod.KubeContainerPort("serve-80-tcp", 80, "TCP"),
                new KubePod.KubeContainerPort("", 8080, "TCP"),
                new KubePod.KubeContainerPort("serve-81-udp", 81, "UDP"),
                new KubePod.KubeContainerPort("serve-82-sctp", 82, "SCTP")));
        WorkloadEndpoint wep = converter.toWorkloadEndpoint(p).orElseThrow();
        assertThat(wep.spec().ports()).containsExactly(
                new EndpointPort("serve-80-tcp", Protocol.TCP, 80),
                new EndpointPort("serve-81-udp", Protocol.UDP, 81),
                new EndpointPort("serve-82-sctp", Protocol.SCTP, 82));
        assertThat(wep.metadata().labels()).containsEntry("projectcalico.org/serviceaccount", "default");
    }

    @Test
    void aNamespaceBecomesAnAllowAllProfileApplyingItsLabelsWithPrefix() {
        Profile p = NamespaceConverter.toProfile(new KubeNamespace("team-a", "u", "3",
                Map.of("kubernetes.io/metadata.name", "team-a", "env", "prod")));
        assertThat(p.metadata().name()).isEqualTo("kns.team-a");
        assertThat(p.spec().ingress()).containsExactly(Rule.allowAll());
        assertThat(p.spec().egress()).containsExactly(Rule.allowAll());
        assertThat(p.spec().labelsToApply()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "pcns.kubernetes.io/metadata.name", "team-a", "pcns.env", "prod",
                "pcns.projectcalico.org/name", "team-a"));
    }

    private static KubePod withHostNetwork(KubePod p) {
        return new KubePod(p.namespace(), p.name(), p.uid(), p.resourceVersion(), p.nodeName(), true, p.phase(),
                p.terminating(), p.labels(), p.podIps(), p.annotationPodIp(), p.annotationPodIps(),
                p.serviceAccountName(), p.containerPorts());
    }

    private static KubePod withPhase(KubePod p, String phase) {
        return new KubePod(p.namespace(), p.name(), p.uid(), p.resourceVersion(), p.nodeName(), p.hostNetwork(), phase,
                p.terminating(), p.labels(), p.podIps(), p.annotationPodIp(), p.annotationPodIps(),
                p.serviceAccountName(), p.containerPorts());
    }
}
