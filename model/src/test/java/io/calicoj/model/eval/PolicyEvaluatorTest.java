package io.calicoj.model.eval;

import static io.calicoj.model.k8s.KubeFixtures.ipBlock;
import static io.calicoj.model.k8s.KubeFixtures.labels;
import static io.calicoj.model.k8s.KubeFixtures.named;
import static io.calicoj.model.k8s.KubeFixtures.namespaces;
import static io.calicoj.model.k8s.KubeFixtures.pods;
import static io.calicoj.model.k8s.KubeFixtures.rule;
import static io.calicoj.model.k8s.KubeFixtures.tcp;
import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.model.Action;
import io.calicoj.model.EntityRule;
import io.calicoj.model.GlobalNetworkPolicy;
import io.calicoj.model.IpAddress;
import io.calicoj.model.ObjectMeta;
import io.calicoj.model.PolicySpec;
import io.calicoj.model.PolicyType;
import io.calicoj.model.Protocol;
import io.calicoj.model.Resource;
import io.calicoj.model.ResourceKey;
import io.calicoj.model.ResourceKind;
import io.calicoj.model.Rule;
import io.calicoj.model.SelectorExpression;
import io.calicoj.model.eval.DirectionVerdict.Outcome;
import io.calicoj.model.eval.DirectionVerdict.Reason;
import io.calicoj.model.k8s.KubeLabelSelector;
import io.calicoj.model.k8s.KubeNamespace;
import io.calicoj.model.k8s.KubeNetworkPolicy;
import io.calicoj.model.k8s.KubePod;
import io.calicoj.model.k8s.NamespaceConverter;
import io.calicoj.model.k8s.NetworkPolicyConverter;
import io.calicoj.model.k8s.PodConverter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyEvaluatorTest {

    /** Namespaces x and y (labelled with their name), pods a and b in each, serving 80/TCP as "http". */
    private final List<Resource> cluster = new ArrayList<>();
    private final Map<String, String> ips = Map.of("x/a", "10.244.1.1", "x/b", "10.244.1.2", "y/a", "10.244.2.1",
            "y/b", "10.244.2.2");

    PolicyEvaluatorTest() {
        for (String ns : List.of("x", "y")) {
            cluster.add(NamespaceConverter.toProfile(new KubeNamespace(ns, "u", "1",
                    Map.of("kubernetes.io/metadata.name", ns))));
        }
        ips.forEach((qualified, ip) -> {
            String ns = qualified.substring(0, 1);
            String name = qualified.substring(2);
            KubePod pod = new KubePod(ns, name, "u", "1", "node-1", false, "Running", false, Map.of("pod", name),
                    List.of(ip), null, null, "", List.of(new KubePod.KubeContainerPort("http", 80, "TCP")));
            cluster.add(new PodConverter().toWorkloadEndpoint(pod).orElseThrow());
        });
    }

    private void add(KubeNetworkPolicy np) {
        cluster.add(NetworkPolicyConverter.toCalico(np).policy());
    }

    private static KubeNetworkPolicy np(String ns, String name, KubeLabelSelector podSelector, List<String> types,
                                        List<KubeNetworkPolicy.RuleSpec> ingress, List<KubeNetworkPolicy.RuleSpec> egress) {
        return io.calicoj.model.k8s.KubeFixtures.policy(ns, name, podSelector, types, ingress, egress);
    }

    private static Peer ep(String qualified) {
        return Peer.endpoint(ResourceKey.of(ResourceKind.WORKLOAD_ENDPOINT, qualified.substring(0, 1),
                "node--1-k8s-" + qualified.substring(2) + "-eth0"));
    }

    private ConnectionVerdict tcp80(String from, String to) {
        return new PolicyEvaluator(cluster).evaluate(Connection.to(ep(from), ep(to), Protocol.TCP, 80));
    }

    @Test
    void withoutPoliciesTheNamespaceProfilesAllowEverything() {
        ConnectionVerdict v = tcp80("x/a", "y/b");
        assertThat(v.allowed()).isTrue();
        assertThat(v.ingress().reason()).isEqualTo(Reason.PROFILE_RULE);
        assertThat(v.ingress().by()).isEqualTo("kns.y");
        assertThat(v.egress().by()).isEqualTo("kns.x");
    }

    @Test
    void aPolicyWithoutIngressRulesIsolatesTheSelectedPods() {
        add(np("x", "deny", KubeLabelSelector.EMPTY, List.of("Ingress"), List.of(), List.of()));
        ConnectionVerdict v = tcp80("y/a", "x/a");
        assertThat(v.allowed()).isFalse();
        assertThat(v.ingress().reason()).isEqualTo(Reason.END_OF_TIER);
        assertThat(tcp80("x/a", "y/a").allowed()).isTrue();
    }

    @Test
    void anAllowFromPodsOfTheSameNamespaceDoesNotAllowOtherNamespaces() {
        add(np("x", "allow-b", labels("pod", "a"), List.of("Ingress"),
                List.of(rule(List.of(), pods(labels("pod", "b")))), List.of()));
        assertThat(tcp80("x/b", "x/a").allowed()).isTrue();
        assertThat(tcp80("x/b", "x/a").ingress().by()).isEqualTo("x/knp.default.allow-b");
        assertThat(tcp80("y/b", "x/a").allowed()).isFalse();
        assertThat(tcp80("y/b", "x/b").allowed()).isTrue();
    }

    @Test
    void aNamespaceSelectorMatchesTheNamespacesLabelsThroughTheProfile() {
        add(np("x", "from-y", KubeLabelSelector.EMPTY, List.of("Ingress"),
                List.of(rule(List.of(), namespaces(labels("kubernetes.io/metadata.name", "y")))), List.of()));
        assertThat(tcp80("y/a", "x/a").allowed()).isTrue();
        assertThat(tcp80("x/b", "x/a").allowed()).isFalse();
    }

    @Test
    void egressIsEnforcedAtTheSourceEvenWhenTheDestinationAllows() {
        add(np("x", "egress-to-y-a", labels("pod", "a"), List.of("Egress"), List.of(),
                List.of(rule(List.of(), io.calicoj.model.k8s.KubeFixtures.podsInNamespaces(labels("pod", "a"),
                        labels("kubernetes.io/metadata.name", "y"))))));
        assertThat(tcp80("x/a", "y/a").allowed()).isTrue();
        ConnectionVerdict v = tcp80("x/a", "y/b");
        assertThat(v.allowed()).isFalse();
        assertThat(v.egress().outcome()).isEqualTo(Outcome.DENY);
        assertThat(v.ingress().outcome()).isEqualTo(Outcome.ALLOW);
    }

    @Test
    void namedPortsResolveAgainstTheDestinationsContainerPorts() {
        add(np("x", "http-only", KubeLabelSelector.EMPTY, List.of("Ingress"),
                List.of(rule(List.of(named("http")))), List.of()));
        PolicyEvaluator e = new PolicyEvaluator(cluster);
        assertThat(e.evaluate(Connection.to(ep("y/a"), ep("x/a"), Protocol.TCP, 80)).allowed()).isTrue();
        assertThat(e.evaluate(Connection.to(ep("y/a"), ep("x/a"), Protocol.TCP, 81)).allowed()).isFalse();
        assertThat(e.evaluate(Connection.to(ep("y/a"), ep("x/a"), Protocol.UDP, 80)).allowed()).isFalse();
    }

    @Test
    void numericPortsAndProtocolsMustMatch() {
        add(np("x", "tcp-81", KubeLabelSelector.EMPTY, List.of("Ingress"), List.of(rule(List.of(tcp(81)))), List.of()));
        PolicyEvaluator e = new PolicyEvaluator(cluster);
        assertThat(e.evaluate(Connection.to(ep("y/a"), ep("x/a"), Protocol.TCP, 81)).allowed()).isTrue();
        assertThat(e.evaluate(Connection.to(ep("y/a"), ep("x/a"), Protocol.TCP, 80)).allowed()).isFalse();
        assertThat(e.evaluate(Connection.to(ep("y/a"), ep("x/a"), Protocol.UDP, 81)).allowed()).isFalse();
    }

    @Test
    void ipBlockExceptionsAreCarvedOut() {
        add(np("x", "cidr", labels("pod", "a"), List.of("Egress"), List.of(),
                List.of(rule(List.of(), ipBlock("10.244.1.1/4", "10.244.1.2/32")))));
        assertThat(tcp80("x/a", "y/a").allowed()).isTrue();
        assertThat(tcp80("x/a", "x/b").allowed()).isFalse();
    }

    @Test
    void addressesOutsideCalicoAreNotPolicedAtTheirEnd() {
        add(np("x", "deny", KubeLabelSelector.EMPTY, List.of("Ingress"), List.of(), List.of()));
        ConnectionVerdict v = new PolicyEvaluator(cluster).evaluate(
                Connection.to(Peer.address(IpAddress.parse("192.0.2.1")), ep("x/a"), Protocol.TCP, 80));
        assertThat(v.egress().reason()).isEqualTo(Reason.NOT_AN_ENDPOINT);
        assertThat(v.allowed()).isFalse();
    }

    @Test
    void aPodTalkingToItselfIsNotPoliced() {
        add(np("x", "deny", KubeLabelSelector.EMPTY, List.of("Ingress", "Egress"), List.of(), List.of()));
        assertThat(tcp80("x/a", "x/a").ingress().reason()).isEqualTo(Reason.LOOPBACK);
    }

    @Test
    void lowerOrderDecidesFirstAndPassGoesToProfiles() {
        cluster.add(gnp("deny-all", 100.0, List.of(Rule.of(Action.DENY))));
        cluster.add(gnp("pass-first", 10.0, List.of(Rule.of(Action.LOG), Rule.of(Action.PASS))));
        ConnectionVerdict v = tcp80("x/a", "y/a");
        assertThat(v.allowed()).isTrue();
        assertThat(v.ingress().reason()).isEqualTo(Reason.PROFILE_RULE);
    }

    @Test
    void aDenyInAnEarlierPolicyWinsOverALaterAllow() {
        cluster.add(gnp("allow", 20.0, List.of(Rule.allowAll())));
        cluster.add(gnp("deny-y", 10.0, List.of(Rule.of(Action.DENY).withSource(EntityRule.ANY.withSelector(
                SelectorExpression.parse("projectcalico.org/namespace == 'y'"))))));
        assertThat(tcp80("y/a", "x/a").allowed()).isFalse();
        assertThat(tcp80("y/a", "x/a").ingress().by()).isEqualTo("deny-y");
        assertThat(tcp80("x/b", "x/a").ingress().by()).isEqualTo("allow");
    }

    @Test
    void aMissingProfileDropsEverything() {
        cluster.removeIf(r -> r.key().equals(ResourceKey.of(ResourceKind.PROFILE, "kns.y")));
        ConnectionVerdict v = tcp80("x/a", "y/a");
        assertThat(v.allowed()).isFalse();
        assertThat(v.ingress().reason()).isEqualTo(Reason.MISSING_PROFILE);
        assertThat(v.egress().outcome()).isEqualTo(Outcome.ALLOW);
    }

    private static GlobalNetworkPolicy gnp(String name, double order, List<Rule> ingress) {
        return new GlobalNetworkPolicy(ObjectMeta.named(name), PolicySpec.of(order, SelectorExpression.EMPTY,
                List.of(PolicyType.INGRESS), ingress, List.of()));
    }

}
