package io.calicoj.sandbox.conformance;

import io.calicoj.model.IpAddress;
import io.calicoj.model.Protocol;
import io.calicoj.sandbox.cluster.SandboxCluster;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs cases on a live sandbox with real packets: the case's namespaces and pods are created
 * through the API (pods spread over the nodes round-robin so traffic crosses nodes, one
 * container per served port as upstream does), each step's actions go to the API, and every
 * probe's matrix is measured from inside the pods, retried until it matches or the deadline
 * passes. Pods are kept from case to case when the next case's model is the same.
 */
public final class LiveRunner implements CaseRunner, AutoCloseable {

    private final SandboxCluster cluster;
    private final KubernetesClient client;
    private final Duration deadline;
    private final Prober prober;
    /** How long a match that the cluster already showed before a step must keep holding. */
    private static final Duration SETTLE = Duration.ofMillis(2500);
    private ModelKey current;
    private Set<String> caseNamespaces = new HashSet<>();

    /** What the pods depend on: namespaces, pods with their labels, and the ports they serve. */
    private record ModelKey(Map<String, Map<String, String>> namespaces, Map<PodRef, Map<String, String>> pods,
                            List<ContainerPort> serving) {
    }

    public LiveRunner(SandboxCluster cluster, Duration deadline) {
        this.cluster = cluster;
        this.client = cluster.client();
        this.deadline = deadline;
        this.prober = new Prober(cluster);
    }

    @Override
    public CaseResult run(ConformanceCase c) {
        if (c.steps().stream().allMatch(s -> !kernelCanProbe(s.probe().protocol()))) {
            return new CaseResult(c, c.title(), CaseResult.Outcome.SKIP,
                    List.of("SCTP probes cannot run: this kernel has no SCTP sockets (CONFIG_IP_SCTP is off)"));
        }
        try {
            Map<PodRef, IpAddress> ips = prepare(c);
            CaseCluster state = new CaseCluster(c, ips);
            ReachabilityMatrix previous = awaitOpen(c, ips);
            List<String> failures = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            for (Step step : c.steps()) {
                for (CaseAction a : step.actions()) {
                    state.apply(a);
                    push(a, state);
                }
                if (!kernelCanProbe(step.probe().protocol())) {
                    skipped.add("step " + step.number() + " (" + step.probe() + "): skipped, no SCTP sockets in this kernel");
                    continue;
                }
                ProbeOutcome outcome = probeUntilMatch(c, step, ips, previous, !step.actions().isEmpty());
                failures.addAll(outcome.failures());
                previous = outcome.observed();
            }
            if (!failures.isEmpty()) {
                return new CaseResult(c, c.title(), CaseResult.Outcome.FAIL, failures);
            }
            if (!skipped.isEmpty()) {
                return new CaseResult(c, c.title(), CaseResult.Outcome.SKIP, skipped);
            }
            return new CaseResult(c, c.title(), CaseResult.Outcome.PASS, List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CaseResult(c, c.title(), CaseResult.Outcome.FAIL, List.of("interrupted"));
        } catch (RuntimeException e) {
            return new CaseResult(c, c.title(), CaseResult.Outcome.FAIL, List.of(String.valueOf(e.getMessage())));
        }
    }

    private static boolean kernelCanProbe(Protocol p) {
        return p.equals(Protocol.TCP) || p.equals(Protocol.UDP);
    }

    /** Brings the sandbox to the case's starting point; returns the pods' addresses. */
    private Map<PodRef, IpAddress> prepare(ConformanceCase c) throws InterruptedException {
        ModelKey key = new ModelKey(c.namespaces(), c.pods(), c.serving());
        removePolicies();
        if (!key.equals(current)) {
            removePods();
            createModel(c);
            current = key;
        } else {
            resetLabels(c);
        }
        return awaitPods(c);
    }

    private void removePolicies() {
        for (String ns : caseNamespaces) {
            client.network().v1().networkPolicies().inNamespace(ns).delete();
        }
    }

    private void removePods() throws InterruptedException {
        for (String ns : caseNamespaces) {
            client.pods().inNamespace(ns).delete();
        }
        Instant end = Instant.now().plus(Duration.ofSeconds(60));
        while (cluster.pods().keySet().stream().anyMatch(k -> caseNamespaces.contains(k.substring(0, k.indexOf('/'))))) {
            if (Instant.now().isAfter(end)) {
                throw new IllegalStateException("pods of the previous case were not removed within 60 s");
            }
            Thread.sleep(100);
        }
        for (String ns : caseNamespaces) {
            client.namespaces().withName(ns).delete();
        }
    }

    private void createModel(ConformanceCase c) {
        caseNamespaces = new HashSet<>(c.namespaces().keySet());
        c.namespaces().forEach((ns, labels) -> client.namespaces().resource(new NamespaceBuilder()
                .withNewMetadata().withName(ns).withLabels(labels).endMetadata().build()).createOr(NonDeletingOperation::update));
        Map<PodRef, Integer> placement = PodAddresses.placement(c.pods().keySet(), cluster.nodes().size());
        c.pods().forEach((pod, labels) -> {
            List<Container> containers = new ArrayList<>();
            for (ContainerPort p : c.serving()) {
                containers.add(new ContainerBuilder().withName("cont-" + p.port() + "-" + p.protocol().name().toLowerCase(java.util.Locale.ROOT))
                        .withImage("calico-sandbox/pod-agent").addNewPort().withName(p.name()).withContainerPort(p.port())
                        .withProtocol(p.protocol().name()).endPort().build());
            }
            client.pods().resource(new PodBuilder().withNewMetadata().withNamespace(pod.namespace()).withName(pod.name())
                    .withLabels(labels).endMetadata().withNewSpec().withNodeName("node-" + placement.get(pod))
                    .withContainers(containers).endSpec().build()).create();
        });
    }

    private void resetLabels(ConformanceCase c) {
        c.namespaces().forEach((ns, labels) -> client.namespaces().withName(ns).edit(n -> {
            n.getMetadata().setLabels(new TreeMap<>(labels));
            return n;
        }));
        c.pods().forEach((pod, labels) -> client.pods().inNamespace(pod.namespace()).withName(pod.name()).edit(p -> {
            p.getMetadata().setLabels(new TreeMap<>(labels));
            return p;
        }));
    }

    private Map<PodRef, IpAddress> awaitPods(ConformanceCase c) throws InterruptedException {
        Instant end = Instant.now().plus(Duration.ofSeconds(120));
        while (true) {
            Map<String, SandboxCluster.PodInfo> running = cluster.pods();
            Map<PodRef, IpAddress> ips = new LinkedHashMap<>();
            for (PodRef pod : c.pods().keySet()) {
                SandboxCluster.PodInfo info = running.get(pod.toString());
                Pod api = client.pods().inNamespace(pod.namespace()).withName(pod.name()).get();
                if (info != null && api != null && api.getStatus() != null && info.ip().equals(api.getStatus().getPodIP())) {
                    ips.put(pod, IpAddress.parse(info.ip()));
                }
            }
            if (ips.size() == c.pods().size()) {
                return ips;
            }
            if (Instant.now().isAfter(end)) {
                throw new IllegalStateException("pods not running after 120 s: only " + ips.keySet());
            }
            Thread.sleep(100);
        }
    }

    /** Makes the API match the case state after an action. */
    private void push(CaseAction action, CaseCluster state) {
        if (action instanceof CaseAction.CreatePolicy || action instanceof CaseAction.UpdatePolicy) {
            for (NetworkPolicy np : state.policyList()) {
                NetworkPolicy copy = new io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder(np).build();
                copy.getMetadata().setResourceVersion(null);
                client.resource(copy).createOr(NonDeletingOperation::update);
            }
        } else if (action instanceof CaseAction.DeletePolicy d) {
            client.network().v1().networkPolicies().inNamespace(d.namespace()).withName(d.name()).delete();
        } else if (action instanceof CaseAction.AddNamespaceLabels a) {
            labelNamespace(a.namespace(), state.namespaces().get(a.namespace()));
        } else if (action instanceof CaseAction.RemoveNamespaceLabels a) {
            labelNamespace(a.namespace(), state.namespaces().get(a.namespace()));
        } else if (action instanceof CaseAction.AddPodLabels a) {
            labelPod(a.pod(), state.pods().get(a.pod()));
        } else if (action instanceof CaseAction.RemovePodLabels a) {
            labelPod(a.pod(), state.pods().get(a.pod()));
        }
    }

    private void labelNamespace(String ns, Map<String, String> labels) {
        client.namespaces().withName(ns).edit(n -> {
            n.getMetadata().setLabels(new TreeMap<>(labels));
            return n;
        });
    }

    private void labelPod(PodRef pod, Map<String, String> labels) {
        client.pods().inNamespace(pod.namespace()).withName(pod.name()).edit(p -> {
            p.getMetadata().setLabels(new TreeMap<>(labels));
            return p;
        });
    }

    private record ProbeOutcome(ReachabilityMatrix observed, List<String> failures) {
    }

    /**
     * Probes until the matrix matches (or the deadline passes). When the expected matrix is what
     * the cluster already showed before the step's actions, an early match proves nothing about
     * those actions, so it must still hold after {@link #SETTLE}.
     */
    private ProbeOutcome probeUntilMatch(ConformanceCase c, Step step, Map<PodRef, IpAddress> ips,
                                         ReachabilityMatrix before, boolean changed) throws InterruptedException {
        Instant start = Instant.now();
        Instant end = start.plus(deadline);
        boolean sameAsBefore = changed && differences(step, before).isEmpty();
        List<ReachabilityMatrix.Difference> differences;
        ReachabilityMatrix observed;
        while (true) {
            observed = prober.measure(c.pods().keySet(), c.pods().keySet(), ips, step.probe().port(),
                    step.probe().protocol());
            differences = differences(step, observed);
            boolean settled = !sameAsBefore || Instant.now().isAfter(start.plus(SETTLE));
            if (differences.isEmpty() && settled || Instant.now().isAfter(end)) {
                break;
            }
            Thread.sleep(differences.isEmpty() ? 500 : 250);
        }
        return new ProbeOutcome(observed,
                differences.stream().map(d -> "step " + step.number() + " (" + step.probe() + "): " + d).toList());
    }

    private static List<ReachabilityMatrix.Difference> differences(Step step, ReachabilityMatrix observed) {
        return step.probe().expect().differences(observed).stream()
                .filter(d -> !(d.loopback() && step.probe().ignoreLoopback())).toList();
    }

    /** Waits until the case's cluster, without policies, is open on the first step's port. */
    private ReachabilityMatrix awaitOpen(ConformanceCase c, Map<PodRef, IpAddress> ips) throws InterruptedException {
        Probe first = c.steps().stream().map(Step::probe).filter(p -> kernelCanProbe(p.protocol())).findFirst().orElseThrow();
        boolean served = c.serving().stream().anyMatch(p -> p.port() == first.port() && p.protocol().equals(first.protocol()));
        Instant end = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            ReachabilityMatrix m = prober.measure(c.pods().keySet(), c.pods().keySet(), ips, first.port(), first.protocol());
            boolean open = m.cells().values().stream().allMatch(row -> row.values().stream().allMatch(Boolean::booleanValue));
            if (open || !served) {
                return m;
            }
            if (Instant.now().isAfter(end)) {
                throw new IllegalStateException("the cluster is not open after removing every policy: " + m.render());
            }
            Thread.sleep(200);
        }
    }

    @Override
    public void close() {
        prober.close();
    }
}
