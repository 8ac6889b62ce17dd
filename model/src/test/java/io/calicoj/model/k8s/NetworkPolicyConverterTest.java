package io.calicoj.model.k8s;

import static io.calicoj.model.k8s.KubeFixtures.ipBlock;
import static io.calicoj.model.k8s.KubeFixtures.labels;
import static io.calicoj.model.k8s.KubeFixtures.named;
import static io.calicoj.model.k8s.KubeFixtures.namespaces;
import static io.calicoj.model.k8s.KubeFixtures.pods;
import static io.calicoj.model.k8s.KubeFixtures.podsInNamespaces;
import static io.calicoj.model.k8s.KubeFixtures.policy;
import static io.calicoj.model.k8s.KubeFixtures.port;
import static io.calicoj.model.k8s.KubeFixtures.rule;
import static io.calicoj.model.k8s.KubeFixtures.tcp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calicoj.model.Action;
import io.calicoj.model.Cidr;
import io.calicoj.model.InvalidResourceException;
import io.calicoj.model.NetworkPolicy;
import io.calicoj.model.PolicyType;
import io.calicoj.model.Port;
import io.calicoj.model.Protocol;
import io.calicoj.model.Rule;
import io.calicoj.model.k8s.KubeNetworkPolicy.PortSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkPolicyConverterTest {

    private static NetworkPolicy convert(KubeNetworkPolicy np) {
        ConvertedPolicy c = NetworkPolicyConverter.toCalico(np);
        assertThat(c.droppedRules()).isEmpty();
        return c.policy();
    }

    @Test
    void namesOrderAndSelectorFollowModernCalico() {
        NetworkPolicy p = convert(policy("default", "allow-frontend", labels("role", "db"), List.of("Ingress"),
                List.of(), List.of()));
        assertThat(p.metadata().name()).isEqualTo("knp.default.allow-frontend");
        assertThat(p.metadata().namespace()).isEqualTo("default");
        assertThat(p.spec().order()).isEqualTo(1000.0);
        assertThat(p.spec().selector().text()).isEqualTo("projectcalico.org/orchestrator == 'k8s' && role == 'db'");
        assertThat(p.spec().types()).containsExactly(PolicyType.INGRESS);
        assertThat(p.spec().ingress()).isEmpty();
    }

    @Test
    void theWorkedExampleBecomesOneRulePerPeerWithPortsMergedPerProtocol() {
        // calico-kdd.md §1.8.5: from [pods role=frontend, namespaces team=ops], ports [TCP 6379, 8080].
        NetworkPolicy p = convert(policy("default", "allow-frontend", labels("role", "db"), List.of(),
                List.of(rule(List.of(tcp(6379), port(null, 8080)),
                        pods(labels("role", "frontend")), namespaces(labels("team", "ops")))), List.of()));
        assertThat(p.spec().ingress()).hasSize(2);
        Rule r1 = p.spec().ingress().get(0);
        Rule r2 = p.spec().ingress().get(1);
        assertThat(r1.action()).isEqualTo(Action.ALLOW);
        assertThat(r1.protocol()).isEqualTo(Protocol.TCP);
        assertThat(r1.destination().ports()).containsExactly(Port.single(6379), Port.single(8080));
        assertThat(r1.source().selector().text()).isEqualTo("projectcalico.org/orchestrator == 'k8s' && role == 'frontend'");
        assertThat(r1.source().namespaceSelector()).isNull();
        assertThat(r2.source().selector().text()).isEqualTo("projectcalico.org/orchestrator == 'k8s'");
        assertThat(r2.source().namespaceSelector().text()).isEqualTo("team == 'ops'");
        assertThat(r2.destination().ports()).containsExactly(Port.single(6379), Port.single(8080));
    }

    @Test
    void policyTypesDefaultToIngressPlusEgressWhenThereAreEgressRules() {
        NetworkPolicy p = convert(policy("x", "p", KubeLabelSelector.EMPTY, List.of(), List.of(),
                List.of(rule(List.of(), pods(KubeLabelSelector.EMPTY)))));
        assertThat(p.spec().types()).containsExactly(PolicyType.INGRESS, PolicyType.EGRESS);
        assertThat(p.spec().ingress()).isEmpty();
        Rule egress = p.spec().egress().get(0);
        assertThat(egress.destination().selector().text()).isEqualTo("projectcalico.org/orchestrator == 'k8s'");
        assertThat(egress.source().isAny()).isTrue();
    }

    @Test
    void anEmptyIngressRuleAllowsEverything() {
        NetworkPolicy p = convert(policy("x", "p", KubeLabelSelector.EMPTY, List.of("Ingress"),
                List.of(rule(List.of())), List.of()));
        assertThat(p.spec().ingress()).containsExactly(Rule.allowAll());
    }

    @Test
    void rulesOfDirectionsNotInPolicyTypesAreIgnored() {
        NetworkPolicy p = convert(policy("x", "p", KubeLabelSelector.EMPTY, List.of("Egress"),
                List.of(rule(List.of())), List.of()));
        assertThat(p.spec().types()).containsExactly(PolicyType.EGRESS);
        assertThat(p.spec().ingress()).isEmpty();
        assertThat(p.spec().egress()).isEmpty();
    }

    @Test
    void aPortWithoutProtocolIsTcpEvenWithoutANumberAndProtocolsAreSortedByName() {
        NetworkPolicy p = convert(policy("x", "p", KubeLabelSelector.EMPTY, List.of("Ingress"),
                List.of(rule(List.of(port("UDP", 53), new PortSpec(null, null, null, null), port("SCTP", 9000)))),
                List.of()));
        List<Rule> rules = p.spec().ingress();
        assertThat(rules).extracting(Rule::protocol).containsExactly(Protocol.SCTP, Protocol.TCP, Protocol.UDP);
        assertThat(rules.get(1).destination().ports()).isEmpty();
        assertThat(rules.get(2).destination().ports()).containsExactly(Port.single(53));
    }

    @Test
    void adjacentPortsMergeIntoRangesAndNamedPortsComeFirst() {
        NetworkPolicy p = convert(policy("x", "p", KubeLabelSelector.EMPTY, List.of("Ingress"),
                List.of(rule(List.of(tcp(80), tcp(81), tcp(82), tcp(9090), named("foo")))), List.of()));
        assertThat(p.spec().ingress().get(0).destination().ports())
                .containsExactly(Port.named("foo"), Port.range(80, 82), Port.single(9090));
    }

    @Test
    void endPortMakesARange() {
        NetworkPolicy p = convert(policy("x", "p", KubeLabelSelector.EMPTY, List.of("Ingress"),
                List.of(rule(List.of(new PortSpec("TCP", 32000, null, 32768)))), List.of()));
        assertThat(p.spec().ingress().get(0).destination().ports()).containsExactly(Port.range(32000, 32768));
    }

    @Test
    void aPeerWithBothSelectorsKeepsBoth() {
        NetworkPolicy p = convert(policy("x", "p", labels("pod", "a"), List.of("Ingress"), List.of(rule(List.of(),
                podsInNamespaces(labels("pod", "b"), new KubeLabelSelector(java.util.Map.of(), List.of(
                        new KubeLabelSelector.Requirement("kubernetes.io/metadata.name", "NotIn", List.of("x"))))))),
                List.of()));
        Rule r = p.spec().ingress().get(0);
        assertThat(r.source().selector().text()).isEqualTo("projectcalico.org/orchestrator == 'k8s' && pod == 'b'");
        assertThat(r.source().namespaceSelector().text()).isEqualTo("kubernetes.io/metadata.name not in { 'x' }");
        assertThat(r.protocol()).isNull();
    }

    @Test
    void anEmptyNamespaceSelectorSelectsAllNamespaces() {
        NetworkPolicy p = convert(policy("x", "p", KubeLabelSelector.EMPTY, List.of("Ingress"),
                List.of(rule(List.of(), namespaces(KubeLabelSelector.EMPTY))), List.of()));
        assertThat(p.spec().ingress().get(0).source().namespaceSelector().text()).isEqualTo("all()");
    }

    @Test
    void matchExpressionsBecomeCalicoOperatorsInOrder() {
        KubeLabelSelector s = new KubeLabelSelector(java.util.Map.of("b", "2", "a", "1"), List.of(
                new KubeLabelSelector.Requirement("env", "In", List.of("prod", "dev")),
                new KubeLabelSelector.Requirement("tier", "Exists", List.of()),
                new KubeLabelSelector.Requirement("legacy", "DoesNotExist", List.of())));
        NetworkPolicy p = convert(policy("x", "p", s, List.of("Ingress"), List.of(), List.of()));
        assertThat(p.spec().selector().text()).isEqualTo(
                "projectcalico.org/orchestrator == 'k8s' && a == '1' && b == '2' && env in { 'prod', 'dev' }"
                        + " && has(tier) && ! has(legacy)");
    }

    @Test
    void ipBlocksAreMaskedToTheirNetworkWithExceptionsAsNotNets() {
        NetworkPolicy p = convert(policy("x", "p", KubeLabelSelector.EMPTY, List.of("Egress"), List.of(),
                List.of(rule(List.of(), ipBlock("10.244.1.7/4", "10.244.2.9/32")))));
        Rule r = p.spec().egress().get(0);
        assertThat(r.destination().nets()).containsExactly(Cidr.parse("0.0.0.0/4"));
        assertThat(r.destination().notNets()).containsExactly(Cidr.parse("10.244.2.9/32"));
        assertThat(r.destination().selector()).isNull();
    }

    @Test
    void aBadCidrDropsOnlyItsRuleAndNamesPolicyFieldAndValue() {
        ConvertedPolicy c = NetworkPolicyConverter.toCalico(policy("x", "p", KubeLabelSelector.EMPTY,
                List.of("Ingress"), List.of(
                        rule(List.of(), ipBlock("10.0.0.0/33")),
                        rule(List.of(tcp(80)), pods(labels("app", "web")))), List.of()));
        assertThat(c.policy().spec().ingress()).hasSize(1);
        assertThat(c.policy().spec().ingress().get(0).destination().ports()).containsExactly(Port.single(80));
        assertThat(c.droppedRules()).singleElement().satisfies(e -> {
            assertThat(e.object()).isEqualTo("NetworkPolicy x/p");
            assertThat(e.field()).isEqualTo("spec.ingress[0].from[0].ipBlock.cidr");
            assertThat(e.value()).isEqualTo("10.0.0.0/33");
        });
    }

    @Test
    void aBadPortDropsItsRule() {
        ConvertedPolicy c = NetworkPolicyConverter.toCalico(policy("x", "p", KubeLabelSelector.EMPTY,
                List.of("Ingress"), List.of(rule(List.of(tcp(0)))), List.of()));
        assertThat(c.policy().spec().ingress()).isEmpty();
        assertThat(c.droppedRules().get(0).getMessage())
                .isEqualTo("NetworkPolicy x/p: spec.ingress[0].ports[0].port: invalid value \"0\": must be between 1 and 65535");
    }

    @Test
    void aBadProtocolDropsItsRule() {
        ConvertedPolicy c = NetworkPolicyConverter.toCalico(policy("x", "p", KubeLabelSelector.EMPTY,
                List.of("Ingress"), List.of(rule(List.of(port("ICMP", 80)))), List.of()));
        assertThat(c.droppedRules().get(0).field()).isEqualTo("spec.ingress[0].ports[0].protocol");
        assertThat(c.droppedRules().get(0).value()).isEqualTo("ICMP");
    }

    @Test
    void aBadPodSelectorRejectsThePolicy() {
        KubeLabelSelector bad = new KubeLabelSelector(java.util.Map.of(), List.of(
                new KubeLabelSelector.Requirement("app", "Matches", List.of("x"))));
        assertThatThrownBy(() -> NetworkPolicyConverter.toCalico(policy("x", "p", bad, List.of(), List.of(), List.of())))
                .isInstanceOf(InvalidResourceException.class)
                .hasMessage("NetworkPolicy x/p: spec.podSelector.matchExpressions[0].operator: invalid value \"Matches\":"
                        + " must be In, NotIn, Exists or DoesNotExist");
    }

    @Test
    void aBadLabelValueInAPeerSelectorNamesTheField() {
        ConvertedPolicy c = NetworkPolicyConverter.toCalico(policy("x", "p", KubeLabelSelector.EMPTY,
                List.of("Ingress"), List.of(rule(List.of(), pods(labels("app", "it's")))), List.of()));
        assertThat(c.droppedRules().get(0).field()).isEqualTo("spec.ingress[0].from[0].podSelector.matchLabels.app");
        assertThat(c.droppedRules().get(0).value()).isEqualTo("it's");
    }

    @Test
    void anUnknownPolicyTypeRejectsThePolicy() {
        assertThatThrownBy(() -> NetworkPolicyConverter.toCalico(policy("x", "p", KubeLabelSelector.EMPTY,
                List.of("Sideways"), List.of(), List.of())))
                .hasMessageContaining("spec.policyTypes[0]").hasMessageContaining("Sideways");
    }
}
