package io.calicoj.calc;

import static io.calicoj.calc.testing.Resources.containerPort;
import static io.calicoj.calc.testing.Resources.globalPolicy;
import static io.calicoj.calc.testing.Resources.labels;
import static io.calicoj.calc.testing.Resources.namespace;
import static io.calicoj.calc.testing.Resources.pod;
import static io.calicoj.calc.testing.Resources.ports;
import static io.calicoj.calc.testing.Resources.rule;
import static io.calicoj.calc.testing.Resources.selector;
import static io.calicoj.calc.testing.Resources.withProfiles;
import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.calc.bench.SyntheticCluster;
import io.calicoj.calc.testing.DataplaneInterpreter;
import io.calicoj.calc.testing.DataplaneInterpreter.Packet;
import io.calicoj.calc.testing.DataplaneInterpreter.Verdict;
import io.calicoj.calc.testing.FakeDataplane;
import io.calicoj.calc.testing.State;
import io.calicoj.datastore.SyncStatus;
import io.calicoj.datastore.Update;
import io.calicoj.datastore.Upsert;
import io.calicoj.model.Action;
import io.calicoj.model.EntityRule;
import io.calicoj.model.HostEndpoint;
import io.calicoj.model.IcmpMatch;
import io.calicoj.model.IpAddress;
import io.calicoj.model.PolicyType;
import io.calicoj.model.Protocol;
import io.calicoj.model.Resource;
import io.calicoj.model.Rule;
import io.calicoj.model.SelectorExpression;
import io.calicoj.model.WorkloadEndpoint;
import io.calicoj.model.eval.Connection;
import io.calicoj.model.eval.ConnectionVerdict;
import io.calicoj.model.eval.DirectionVerdict;
import io.calicoj.model.eval.Peer;
import io.calicoj.model.eval.PolicyEvaluator;
import io.calicoj.model.k8s.KubeLabelSelector;
import io.calicoj.model.k8s.KubeNetworkPolicy;
import io.calicoj.model.k8s.KubeNetworkPolicy.IpBlock;
import io.calicoj.model.k8s.KubeNetworkPolicy.PortSpec;
import io.calicoj.model.k8s.KubeNetworkPolicy.RuleSpec;
import io.calicoj.model.k8s.NetworkPolicyConverter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The graph computes what the model means: for each cluster, one graph per node runs into a
 * {@link FakeDataplane}; then for every pair of endpoints (and some outside addresses) and a set
 * of probes, the {@link DataplaneInterpreter}'s verdict at each end equals the
 * {@link PolicyEvaluator}'s on the same resources.
 */
class EvaluatorCrossCheckTest {

    /** A probe: protocol and destination port (ICMP: echo request). */
    private record Probe(Protocol protocol, int port) {
    }

    private static final List<Probe> PROBES = List.of(new Probe(Protocol.TCP, 80), new Probe(Protocol.TCP, 443),
            new Probe(Protocol.TCP, 5432), new Probe(Protocol.TCP, 8080), new Probe(Protocol.TCP, 9090),
            new Probe(Protocol.TCP, 22), new Probe(Protocol.UDP, 53), new Probe(Protocol.UDP, 80),
            new Probe(Protocol.SCTP, 80), new Probe(Protocol.ICMP, 0));
    private static final List<IpAddress> OUTSIDE = List.of(IpAddress.parse("8.8.8.8"), IpAddress.parse("10.99.0.1"),
            IpAddress.parse("10.1.2.3"));

    @TestFactory
    Stream<DynamicTest> theDataplaneStateMeansWhatTheEvaluatorSays() {
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("Kubernetes policies, global policies, Pass, Log, named ports, ipBlocks",
                () -> check(zoo())));
        tests.add(DynamicTest.dynamicTest("a generated cluster (as in the benchmark)", () -> check(
                new SyntheticCluster(4, 8, 10, 3).allUpdates(7).stream().map(u -> ((Upsert) u).value()).toList())));
        for (Scenarios.Scenario s : Scenarios.all()) {
            for (State state : s.states()) {
                List<Resource> resources = List.copyOf(state.datastore().values());
                if (resources.stream().allMatch(EvaluatorCrossCheckTest::evaluable)
                        && resources.stream().anyMatch(WorkloadEndpoint.class::isInstance)) {
                    tests.add(DynamicTest.dynamicTest(s.name() + ": " + state.name(), () -> check(resources)));
                }
            }
        }
        return tests.stream();
    }

    /** The evaluator knows neither host endpoints nor that an invalid endpoint is dropped. */
    private static boolean evaluable(Resource r) {
        if (r instanceof HostEndpoint) {
            return false;
        }
        try {
            ValidationFilter.validate(r);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void check(List<Resource> resources) {
        List<WorkloadEndpoint> endpoints = resources.stream().filter(WorkloadEndpoint.class::isInstance)
                .map(WorkloadEndpoint.class::cast).toList();
        Map<String, DataplaneInterpreter> nodes = new HashMap<>();
        List<Update> updates = resources.stream().<Update>map(Upsert::of).toList();
        for (WorkloadEndpoint e : endpoints) {
            nodes.computeIfAbsent(e.spec().node(), node -> {
                FakeDataplane fake = new FakeDataplane();
                CalculationGraph graph = CalculationGraph.create(node, fake);
                graph.onUpdates(updates);
                graph.onStatusUpdated(SyncStatus.IN_SYNC);
                graph.flush();
                return new DataplaneInterpreter(fake);
            });
        }
        PolicyEvaluator evaluator = new PolicyEvaluator(resources);
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (WorkloadEndpoint src : endpoints) {
            for (WorkloadEndpoint dst : endpoints) {
                if (!src.key().equals(dst.key())) {
                    checked += compare(evaluator, nodes, src, Peer.endpoint(src.key()), src.addresses().get(0), dst,
                            Peer.endpoint(dst.key()), dst.addresses().get(0), mismatches);
                }
            }
            for (IpAddress outside : OUTSIDE) {
                checked += compare(evaluator, nodes, src, Peer.endpoint(src.key()), src.addresses().get(0), null,
                        Peer.address(outside), outside, mismatches);
                checked += compare(evaluator, nodes, null, Peer.address(outside), outside, src,
                        Peer.endpoint(src.key()), src.addresses().get(0), mismatches);
            }
        }
        assertThat(checked).isPositive();
        assertThat(mismatches).as("%d verdicts compared", checked).isEmpty();
    }

    /** Compares both ends of every probe between src and dst; returns how many verdicts were compared. */
    private static int compare(PolicyEvaluator evaluator, Map<String, DataplaneInterpreter> nodes,
                               WorkloadEndpoint srcEp, Peer src, IpAddress srcIp, WorkloadEndpoint dstEp, Peer dst,
                               IpAddress dstIp, List<String> mismatches) {
        int n = 0;
        for (Probe probe : PROBES) {
            Connection c = probe.protocol().isIcmp() ? Connection.icmp(src, dst, probe.protocol(), 8, 0)
                    : Connection.to(src, dst, probe.protocol(), probe.port());
            ConnectionVerdict expected = evaluator.evaluate(c);
            Packet packet = new Packet(srcIp, dstIp, c.protocol(), c.sourcePort(), c.destinationPort(), c.icmpType(),
                    c.icmpCode());
            if (srcEp != null) {
                n++;
                Verdict got = nodes.get(srcEp.spec().node()).evaluate(srcEp.key(), PolicyType.EGRESS, packet);
                if (!agrees(got, expected.egress())) {
                    mismatches.add(c + ": egress dataplane " + got + ", evaluator " + expected.egress());
                }
            }
            if (dstEp != null) {
                n++;
                Verdict got = nodes.get(dstEp.spec().node()).evaluate(dstEp.key(), PolicyType.INGRESS, packet);
                if (!agrees(got, expected.ingress())) {
                    mismatches.add(c + ": ingress dataplane " + got + ", evaluator " + expected.ingress());
                }
            }
        }
        return n;
    }

    private static boolean agrees(Verdict got, DirectionVerdict expected) {
        return (got == Verdict.ALLOW) == expected.permits();
    }

    /** Three namespaces, six pods on two nodes, Kubernetes and Calico policies exercising every rule feature. */
    private static List<Resource> zoo() {
        List<Resource> r = new ArrayList<>();
        r.add(namespace("prod", "env", "prod", "team", "a"));
        r.add(namespace("dev", "env", "dev", "team", "b"));
        r.add(namespace("ops", "team", "ops"));
        r.add(pod("prod", "web", "n1", "10.0.1.1", labels("app", "web"), containerPort("http", 8080, "TCP")));
        r.add(pod("prod", "db", "n2", "10.0.1.2", labels("app", "db", "tier", "x"),
                containerPort("postgres", 5432, "TCP")));
        r.add(pod("dev", "web", "n1", "10.0.2.1", labels("app", "web"), containerPort("http", 80, "TCP")));
        r.add(pod("dev", "client", "n2", "10.0.2.2", labels("app", "client")));
        r.add(pod("ops", "monitor", "n1", "10.0.3.1", labels("app", "monitor"), containerPort("metrics", 9090, "TCP")));
        r.add(withProfiles(pod("ops", "dns", "n2", "10.0.3.2", labels("app", "dns"), containerPort("dns", 53, "UDP")),
                "kns.ops", "ghost"));
        KubeLabelSelector all = KubeLabelSelector.EMPTY;
        r.add(k8s("prod", "default-deny", all, List.of("Ingress"), List.of(), List.of()));
        r.add(k8s("prod", "web", match("app", "web"), List.of("Ingress"), List.of(
                new RuleSpec(List.of(named("http")), List.of()),
                new RuleSpec(List.of(new PortSpec("TCP", 443, null, null)),
                        List.of(new KubeNetworkPolicy.Peer(null, null, new IpBlock("10.0.0.0/8", List.of("10.1.0.0/16"))))),
                new RuleSpec(List.of(named("metrics")), List.of(new KubeNetworkPolicy.Peer(null, match("team", "ops"), null)))),
                List.of()));
        r.add(k8s("prod", "db", match("app", "db"), List.of("Ingress"), List.of(
                new RuleSpec(List.of(named("postgres")), List.of(new KubeNetworkPolicy.Peer(match("app", "web"), null, null)))),
                List.of()));
        r.add(k8s("dev", "client-egress", match("app", "client"), List.of("Egress"), List.of(), List.of(
                new RuleSpec(List.of(new PortSpec("TCP", 8080, null, null)),
                        List.of(new KubeNetworkPolicy.Peer(match("app", "web"), match("env", "prod"), null))),
                new RuleSpec(List.of(new PortSpec("UDP", 53, null, null), named("dns")),
                        List.of(new KubeNetworkPolicy.Peer(match("app", "dns"), all, null))))));
        r.add(k8s("dev", "web-from-dev", match("app", "web"), List.of("Ingress"), List.of(
                new RuleSpec(List.of(), List.of(new KubeNetworkPolicy.Peer(all, null, null)))), List.of()));
        r.add(globalPolicy("log-all", 1.0, "", null, List.of(Rule.of(Action.LOG)), List.of()));
        r.add(globalPolicy("monitor-pass", 2.0, "app == 'monitor'", null, List.of(Rule.of(Action.PASS)),
                List.of(Rule.of(Action.PASS))));
        r.add(globalPolicy("db-guard", 3.0, "app == 'db'", "env == 'prod'", List.of(
                rule(Action.DENY, null, selector("app == 'client'"), EntityRule.ANY),
                rule(Action.DENY, Protocol.TCP, EntityRule.ANY, EntityRule.ANY.withNotPorts(ports("postgres", "5000:6000"))),
                rule(Action.ALLOW, Protocol.TCP, selector("has(app)").withNotSelector(SelectorExpression.parse(
                        "app == 'web'")), EntityRule.ANY.withPorts(ports("postgres")))), List.of()));
        r.add(globalPolicy("no-ping", 4.0, "has(app)", null, List.of(new Rule(Action.DENY, null, Protocol.ICMP, null,
                new IcmpMatch(8, null), null, EntityRule.ANY, EntityRule.ANY)), List.of()));
        return r;
    }

    private static Resource k8s(String ns, String name, KubeLabelSelector pods, List<String> types,
                                List<RuleSpec> ingress, List<RuleSpec> egress) {
        return NetworkPolicyConverter.toCalico(new KubeNetworkPolicy(ns, name, "uid", "1", "", pods, types, ingress,
                egress)).policy();
    }

    private static KubeLabelSelector match(String key, String value) {
        return KubeLabelSelector.matchLabels(Map.of(key, value));
    }

    private static PortSpec named(String name) {
        return new PortSpec(null, null, name, null);
    }
}
