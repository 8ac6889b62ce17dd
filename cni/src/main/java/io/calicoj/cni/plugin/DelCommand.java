package io.calicoj.cni.plugin;

import io.calicoj.datastore.config.DatastoreType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DEL, idempotent: blank the pod's {@code podIP}/{@code podIPs} annotations (so the agent drops
 * the endpoint at once) unless a newer sandbox of the pod owns them, release the address, delete
 * the container interface (its host peer and routes go with it). The API requests run on a second
 * thread next to the other two steps. Every step runs even when another one failed; the first
 * failure (the API's, then IPAM's, then the interface's) is reported after all of them. Things
 * already gone (pod, address, namespace, interface) are success.
 *
 * <p>The veth is deleted from the container's side only, never by the host name: that name is
 * per pod, so a late DEL of an old sandbox would otherwise take down the new sandbox's veth. When
 * the namespace is gone the kernel has already deleted the pair.
 */
final class DelCommand {

    private static final Logger log = LoggerFactory.getLogger(DelCommand.class);

    private final PluginContext ctx;

    DelCommand(PluginContext ctx) {
        this.ctx = ctx;
    }

    void run(CniRequest req, NetConf conf, DatastoreType datastore) throws CniException {
        Optional<PodRef> pod = req.args().pod();
        log.info("DEL container {} ({})", req.containerId(), pod.map(PodRef::toString).orElse("not a Kubernetes pod"));
        // The API requests (connection, TLS handshake, GET and PATCH) run while IPAM and iproute2 work.
        Background<Void> annotations = null;
        if (pod.isPresent() && datastore == DatastoreType.KUBERNETES) {
            annotations = Background.start("kube-clear", () -> {
                try (KubeApi api = ctx.kube().connect(conf)) {
                    clearPodIps(api, pod.get(), req);
                }
                return null;
            });
        }
        List<CniException> failures = new ArrayList<>();
        try {
            log.info("Calico CNI releasing IP address");
            String config = PodNetwork.usesPodCidr(conf) ? PodNetwork.ipamConfig(conf, PodNetwork.ANY_SUBNET)
                    : Json.write(conf.json());
            ctx.ipam().del(conf.ipamType(), config, req);
        } catch (CniException e) {
            log.warn("DEL container {}: {}", req.containerId(), e.getMessage());
            failures.add(e);
        }
        try {
            ctx.network().removeContainerInterface(req.netns(), req.ifName());
        } catch (CniException e) {
            log.warn("DEL container {}: {}", req.containerId(), e.getMessage());
            failures.add(e);
        }
        if (annotations != null) {
            try {
                annotations.join();
            } catch (CniException e) {
                log.warn("DEL container {}: {}", req.containerId(), e.getMessage());
                failures.add(0, e);
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    private static void clearPodIps(KubeApi api, PodRef pod, CniRequest req) throws CniException {
        Optional<Map<String, String>> annotations = api.podAnnotations(pod);
        if (annotations.isEmpty()) {
            log.info("Pod {} no longer exists; nothing to clear", pod);
            return;
        }
        Map<String, String> a = annotations.get();
        String owner = a.getOrDefault(PodNetwork.ANNOTATION_CONTAINER_ID, "");
        if (!owner.isEmpty() && !owner.equals(req.containerId())) {
            log.info("Pod {} belongs to container {} now, not {}: leaving its IP annotations", pod, owner, req.containerId());
            return;
        }
        if (a.getOrDefault(PodNetwork.ANNOTATION_POD_IP, "").isEmpty()
                && a.getOrDefault(PodNetwork.ANNOTATION_POD_IPS, "").isEmpty()) {
            return;
        }
        if (!api.patchPodAnnotations(pod, PodNetwork.blankPodIps())) {
            log.info("Pod {} disappeared while its IP annotations were cleared", pod);
        }
    }
}
