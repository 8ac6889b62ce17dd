package io.calicoj.datastore.kubernetes;

import io.calicoj.datastore.client.DatastoreException;
import io.calicoj.model.Cidr;
import io.calicoj.model.InvalidResourceException;
import io.calicoj.model.ResourceKey;
import io.calicoj.model.ResourceKind;
import io.calicoj.model.k8s.KubeNode;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A node's pod CIDRs, for host-local IPAM's {@code "subnet": "usePodCidr"}: {@code spec.podCIDRs},
 * else {@code [spec.podCIDR]}; empty while the controller manager has not assigned one. (The CNI
 * plugin has its own small HTTP client; the agent and the sandbox use this one.)
 */
public final class PodCidrLookup {

    private final KubernetesClient client;

    public PodCidrLookup(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * @throws DatastoreException.ResourceDoesNotExist when there is no such node
     * @throws DatastoreException                      when the API server cannot be asked, or a CIDR does not parse
     */
    public List<Cidr> podCidrs(String nodeName) throws DatastoreException {
        ResourceKey key = ResourceKey.of(ResourceKind.NODE, nodeName);
        Node node;
        try {
            node = client.nodes().withName(nodeName).get();
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.toDatastoreException(e, key, KubernetesErrors.server(client));
        }
        if (node == null) {
            throw new DatastoreException.ResourceDoesNotExist(key);
        }
        try {
            return podCidrs(KubeObjectMapper.node(node));
        } catch (InvalidResourceException e) {
            throw new DatastoreException.DatastoreError(e.getMessage(), null);
        }
    }

    /** @throws InvalidResourceException naming the node, field and value of a CIDR that does not parse */
    public static List<Cidr> podCidrs(KubeNode node) {
        boolean plural = !node.podCidrs().isEmpty();
        List<String> texts = node.allPodCidrs();
        List<Cidr> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            try {
                out.add(Cidr.parse(texts.get(i).trim()));
            } catch (InvalidResourceException e) {
                throw new InvalidResourceException(plural ? "spec.podCIDRs[" + i + "]" : "spec.podCIDR", texts.get(i),
                        "not a CIDR").forObject("Node " + node.name());
            }
        }
        return out;
    }
}
