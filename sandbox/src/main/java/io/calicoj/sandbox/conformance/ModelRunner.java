package io.calicoj.sandbox.conformance;

import io.calicoj.datastore.kubernetes.KubeObjectMapper;
import io.calicoj.model.InvalidResourceException;
import io.calicoj.model.IpAddress;
import io.calicoj.model.Resource;
import io.calicoj.model.WorkloadEndpoint;
import io.calicoj.model.eval.Connection;
import io.calicoj.model.eval.Peer;
import io.calicoj.model.eval.PolicyEvaluator;
import io.calicoj.model.k8s.ConvertedPolicy;
import io.calicoj.model.k8s.KubeNamespace;
import io.calicoj.model.k8s.KubePod;
import io.calicoj.model.k8s.NamespaceConverter;
import io.calicoj.model.k8s.NetworkPolicyConverter;
import io.calicoj.model.k8s.PodConverter;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs a case without a kernel: each step's cluster goes through the same conversion as the
 * agent's (Kubernetes objects → Calico resources) and the kernel-free evaluator answers every
 * cell of the probe's matrix.
 */
public final class ModelRunner implements CaseRunner {

    private final int nodes;

    public ModelRunner(int nodes) {
        this.nodes = nodes;
    }

    @Override
    public CaseResult run(ConformanceCase c) {
        Map<PodRef, IpAddress> ips = PodAddresses.assign(c.pods().keySet(), nodes);
        Map<PodRef, Integer> placement = PodAddresses.placement(c.pods().keySet(), nodes);
        CaseCluster cluster = new CaseCluster(c, ips);
        List<String> failures = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Step step : c.steps()) {
            for (CaseAction a : step.actions()) {
                cluster.apply(a);
            }
            ReachabilityMatrix observed = evaluate(c, cluster, ips, placement, step.probe(), notes);
            for (ReachabilityMatrix.Difference d : step.probe().expect().differences(observed)) {
                if (d.loopback() && step.probe().ignoreLoopback()) {
                    continue;
                }
                failures.add("step " + step.number() + " (" + step.probe() + "): " + d);
            }
        }
        if (!failures.isEmpty()) {
            failures.addAll(notes);
            return new CaseResult(c, c.title(), CaseResult.Outcome.FAIL, failures);
        }
        return new CaseResult(c, c.title(), CaseResult.Outcome.PASS, List.of());
    }

    private ReachabilityMatrix evaluate(ConformanceCase c, CaseCluster cluster, Map<PodRef, IpAddress> ips,
                                        Map<PodRef, Integer> placement, Probe probe, List<String> notes) {
        List<Resource> resources = new ArrayList<>();
        cluster.namespaces().forEach((ns, labels) ->
                resources.add(NamespaceConverter.toProfile(new KubeNamespace(ns, "uid-" + ns, "1", labels))));
        PodConverter pods = new PodConverter();
        Map<PodRef, WorkloadEndpoint> endpoints = new TreeMap<>();
        cluster.pods().forEach((pod, labels) -> {
            List<KubePod.KubeContainerPort> ports = c.serving().stream()
                    .map(p -> new KubePod.KubeContainerPort(p.name(), p.port(), p.protocol().name())).toList();
            KubePod kp = new KubePod(pod.namespace(), pod.name(), "uid-" + pod, "1", "node-" + placement.get(pod), false,
                    "Running", false, labels, List.of(ips.get(pod).toString()), null, null, "default", ports);
            WorkloadEndpoint wep = pods.toWorkloadEndpoint(kp).orElseThrow();
            endpoints.put(pod, wep);
            resources.add(wep);
        });
        for (NetworkPolicy np : cluster.policyList()) {
            try {
                ConvertedPolicy converted = NetworkPolicyConverter.toCalico(KubeObjectMapper.networkPolicy(np));
                converted.droppedRules().forEach(e -> notes.add("dropped rule: " + e.getMessage()));
                resources.add(converted.policy());
            } catch (InvalidResourceException e) {
                notes.add("rejected policy: " + e.getMessage());
            }
        }
        PolicyEvaluator evaluator = new PolicyEvaluator(resources);
        Map<PodRef, Map<PodRef, Boolean>> cells = new TreeMap<>();
        for (Map.Entry<PodRef, WorkloadEndpoint> from : endpoints.entrySet()) {
            Map<PodRef, Boolean> row = new TreeMap<>();
            for (Map.Entry<PodRef, WorkloadEndpoint> to : endpoints.entrySet()) {
                Connection conn = Connection.to(Peer.endpoint(from.getValue().key()), Peer.endpoint(to.getValue().key()),
                        probe.protocol(), probe.port());
                row.put(to.getKey(), evaluator.evaluate(conn).allowed() && serves(c, probe));
            }
            cells.put(from.getKey(), row);
        }
        return new ReachabilityMatrix(cells);
    }

    /** A connection only succeeds when the destination serves that port and protocol. */
    private static boolean serves(ConformanceCase c, Probe probe) {
        return c.serving().stream().anyMatch(p -> p.port() == probe.port() && p.protocol().equals(probe.protocol()));
    }
}
