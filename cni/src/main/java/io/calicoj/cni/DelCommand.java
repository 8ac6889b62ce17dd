package io.calicoj.cni;

import io.calicoj.datastore.config.DatastoreType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DEL, idempotent: blank the pod's {@code podIP}/{@code podIPs} annotations (so the agent drops
 * the endpoint at once) unless a newer sandbox of the pod owns them, release the address, delete
 * the container interface (its host peer and routes go with it). Every step runs even when an
 * earlier one failed; the first failure is reported after all of them. Things already gone
 * (pod, address, namespace, interface) are success.
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
        List<CniException> failures = new ArrayList<>();
        if (pod.isPresent() && datastore == DatastoreType.KUBERNETES) {
            try {
                clearPodIps(ctx.kube().connect(conf), pod.get(), req);
            } catch (CniException e) {
                log.warn("DEL container {}: {}", req.containerId(), e.getMessage());
                failures.add(e);
            }
        }
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
        Map<String, String> blank = new LinkedHashMap<>();
        blank.put(PodNetwork.ANNOTATION_POD_IP, "");
        blank.put(PodNetwork.ANNOTATION_POD_IPS, "");
        if (!api.patchPodAnnotations(pod, blank)) {
            log.info("Pod {} disappeared while its IP annotations were cleared", pod);
        }
    }
}
