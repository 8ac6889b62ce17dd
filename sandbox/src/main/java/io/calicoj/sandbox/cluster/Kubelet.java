package io.calicoj.sandbox.cluster;

import io.calicoj.exec.Command;
import io.calicoj.exec.CommandFailedException;
import io.calicoj.exec.CommandResult;
import io.calicoj.sandbox.net.Netns;
import io.calicoj.sandbox.net.Topology;
import io.calicoj.sandbox.pod.PodAgentClient;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox's kubelet (and scheduler): it assigns unscheduled pods to nodes round-robin, and for
 * every pod on a sandbox node does what a kubelet does with a CNI runtime — a network namespace,
 * a real CNI ADD with the {@code calico} plugin run in the node's namespace, the pod's "containers"
 * (a pod agent serving the declared container ports), then the pod's status with its IP. A deleted
 * pod gets a CNI DEL and its namespace removed. One worker thread per node keeps a node's pods in order.
 */
final class Kubelet implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Kubelet.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A pod this kubelet runs. */
    record RunningPod(String namespace, String name, String uid, String node, String netns, String ip, long agentPid) {
    }

    private final KubernetesClient client;
    private final SandboxDir dir;
    private final String prefix;
    private final Map<String, Topology.NodeNet> nodes;
    private final Netns netns;
    private final SandboxProcesses processes;
    private final Path home;
    private final Map<String, ExecutorService> workers = new LinkedHashMap<>();
    private final Map<String, RunningPod> running = new ConcurrentHashMap<>();
    private final AtomicInteger nextNode = new AtomicInteger();
    private SharedIndexInformer<Pod> informer;

    Kubelet(KubernetesClient client, SandboxDir dir, String prefix, List<Topology.NodeNet> nodes, Netns netns,
            SandboxProcesses processes, Path home) {
        this.client = client;
        this.dir = dir;
        this.prefix = prefix;
        this.nodes = new LinkedHashMap<>();
        for (Topology.NodeNet n : nodes) {
            this.nodes.put(n.name(), n);
            workers.put(n.name(), Executors.newSingleThreadExecutor(r -> new Thread(r, "kubelet-" + n.name())));
        }
        this.netns = netns;
        this.processes = processes;
        this.home = home;
    }

    void start() {
        informer = client.pods().inAnyNamespace().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                reconcile(pod);
            }

            @Override
            public void onUpdate(Pod oldPod, Pod pod) {
                reconcile(pod);
            }

            @Override
            public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
                String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
                if (node != null && nodes.containsKey(node)) {
                    workers.get(node).submit(() -> tearDown(key(pod)));
                }
            }
        }, 0);
    }

    private static String key(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    private void reconcile(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return;
        }
        String node = pod.getSpec().getNodeName();
        if (node == null || node.isEmpty()) {
            schedule(pod);
            return;
        }
        if (!nodes.containsKey(node)) {
            return;
        }
        String k = key(pod);
        RunningPod r = running.get(k);
        if (r != null && r.uid().equals(pod.getMetadata().getUid())) {
            return;
        }
        workers.get(node).submit(() -> setUp(pod));
    }

    private void schedule(Pod pod) {
        List<String> names = new ArrayList<>(nodes.keySet());
        String node = names.get(Math.floorMod(nextNode.getAndIncrement(), names.size()));
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .edit(p -> {
                        p.getSpec().setNodeName(node);
                        return p;
                    });
        } catch (RuntimeException e) {
            log.warn("cannot schedule pod {} on {}: {}", key(pod), node, e.getMessage());
        }
    }

    /** The pod's network namespace name. */
    String podNetns(String namespace, String name) {
        return prefix + "-pod-" + namespace + "-" + name;
    }

    private void setUp(Pod pod) {
        String k = key(pod);
        if (running.containsKey(k)) {
            return;
        }
        String ns = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        String node = pod.getSpec().getNodeName();
        String podNs = podNetns(ns, name);
        boolean added = false;
        long agent = -1;
        try {
            netns.deleteIfPresent(podNs);
            netns.create(podNs);
            String ip = cniAdd(pod, node, podNs);
            added = true;
            agent = startAgent(pod, podNs);
            running.put(k, new RunningPod(ns, name, pod.getMetadata().getUid(), node, podNs, ip, agent));
            reportRunning(pod, node, ip);
            log.info("pod {} running on {} with IP {}", k, node, ip);
        } catch (CommandFailedException | IOException | RuntimeException e) {
            log.error("cannot start pod {} on {}: {}", k, node, e.getMessage());
            running.remove(k);
            if (agent > 0) {
                processes.stop(agent, Duration.ofSeconds(2));
            }
            if (added) {
                cniDel(pod.getMetadata().getUid(), ns, name, node, podNs);
            }
            try {
                netns.deleteIfPresent(podNs);
            } catch (CommandFailedException ex) {
                log.warn("cannot remove namespace {}: {}", podNs, ex.getMessage());
            }
        }
    }

    private Map<String, String> cniEnv(String command, Pod pod, String podNs) {
        return Map.of(
                "CNI_COMMAND", command,
                "CNI_CONTAINERID", pod.getMetadata().getUid(),
                "CNI_NETNS", "/var/run/netns/" + podNs,
                "CNI_IFNAME", "eth0",
                "CNI_ARGS", "IgnoreUnknown=1;K8S_POD_NAMESPACE=" + pod.getMetadata().getNamespace() + ";K8S_POD_NAME="
                        + pod.getMetadata().getName() + ";K8S_POD_INFRA_CONTAINER_ID=" + pod.getMetadata().getUid(),
                "CNI_PATH", dir.cniBin().toString());
    }

    private String cniAdd(Pod pod, String node, String podNs) throws CommandFailedException, IOException {
        CommandResult r = cni("ADD", pod, node, podNs);
        if (!r.succeeded()) {
            throw new IOException("CNI ADD failed (" + r.exitCode() + "): " + r.stdout().strip() + " " + r.stderr().strip());
        }
        JsonNode result = JSON.readTree(r.stdout());
        String address = result.path("ips").path(0).path("address").asString("");
        if (address.isEmpty()) {
            throw new IOException("CNI ADD returned no IP: " + r.stdout());
        }
        return address.substring(0, address.indexOf('/'));
    }

    /** Runs the {@code calico} plugin in the node's namespace, as the node's container runtime would. */
    private CommandResult cni(String command, Pod pod, String node, String podNs) throws CommandFailedException, IOException {
        return netns.in(nodes.get(node).netns()).run(new Command(List.of(home.resolve("bin/calico").toString()),
                netconf(node), cniEnv(command, pod, podNs)));
    }

    private String netconf(String node) throws IOException {
        Path ipam = dir.nodeDir(node).resolve("ipam");
        Files.createDirectories(ipam);
        return CniNetworkConfig.forNode(node, dir.nodeKubeconfig(node), ipam);
    }

    private long startAgent(Pod pod, String podNs) throws IOException {
        List<String> ports = new ArrayList<>();
        pod.getSpec().getContainers().forEach(c -> {
            for (ContainerPort p : c.getPorts() == null ? List.<ContainerPort>of() : c.getPorts()) {
                ports.add(p.getContainerPort() + "/" + (p.getProtocol() == null ? "TCP" : p.getProtocol()));
            }
        });
        Path socket = dir.podSocket(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
        Files.createDirectories(socket.getParent());
        Files.deleteIfExists(socket);
        long pid = processes.start(podNs, List.of(home.resolve("bin/calico-sandbox").toString(), "pod-agent",
                        "--socket", socket.toString(), "--serve", String.join(",", ports)),
                Map.of("CALICOJ_JAVA_OPTS", "-Xmx24m -Xss256k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto"),
                dir.log("pod-" + pod.getMetadata().getNamespace() + "-" + pod.getMetadata().getName()));
        PodAgentClient agent = new PodAgentClient(socket);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!agent.isUp()) {
            if (Instant.now().isAfter(deadline) || ProcessHandle.of(pid).isEmpty()) {
                throw new IOException("the pod agent did not start (see " + dir.log("pod-" + pod.getMetadata().getNamespace()
                        + "-" + pod.getMetadata().getName()) + ")");
            }
            sleep(50);
        }
        return pid;
    }

    private void reportRunning(Pod pod, String node, String ip) {
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                .editStatus(p -> {
                    if (p.getStatus() == null) {
                        p.setStatus(new io.fabric8.kubernetes.api.model.PodStatus());
                    }
                    p.getStatus().setPhase("Running");
                    p.getStatus().setPodIP(ip);
                    p.getStatus().setPodIPs(List.of(new PodIP(ip)));
                    p.getStatus().setHostIP(nodes.get(node).address());
                    p.getStatus().setStartTime(Instant.now().toString());
                    p.getStatus().setConditions(List.of(new PodConditionBuilder().withType("Ready").withStatus("True")
                            .build()));
                    return p;
                });
    }

    private void tearDown(String key) {
        RunningPod r = running.remove(key);
        if (r == null) {
            return;
        }
        processes.stop(r.agentPid(), Duration.ofSeconds(2));
        cniDel(r.uid(), r.namespace(), r.name(), r.node(), r.netns());
        try {
            netns.deleteIfPresent(r.netns());
            Files.deleteIfExists(dir.podSocket(r.namespace(), r.name()));
            log.info("pod {} removed from {}", key, r.node());
        } catch (CommandFailedException | IOException e) {
            log.warn("cannot tear down pod {}: {}", key, e.getMessage());
        }
    }

    /** CNI DEL: releases the address and removes the veth (failures are logged; DEL is idempotent). */
    private void cniDel(String uid, String namespace, String name, String node, String podNs) {
        Pod stub = new Pod();
        stub.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withNamespace(namespace)
                .withName(name).withUid(uid).build());
        try {
            CommandResult del = cni("DEL", stub, node, podNs);
            if (!del.succeeded()) {
                log.warn("CNI DEL of {}/{} failed: {} {}", namespace, name, del.stdout().strip(), del.stderr().strip());
            }
        } catch (CommandFailedException | IOException e) {
            log.warn("CNI DEL of {}/{} failed: {}", namespace, name, e.getMessage());
        }
    }

    /** The pods running now, by {@code namespace/name}. */
    Map<String, RunningPod> running() {
        return Map.copyOf(running);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (informer != null) {
            informer.close();
        }
        for (String k : new ArrayList<>(running.keySet())) {
            RunningPod r = running.get(k);
            workers.get(r.node()).submit(() -> tearDown(k));
        }
        for (ExecutorService w : workers.values()) {
            w.shutdown();
            try {
                w.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
