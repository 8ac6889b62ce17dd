package io.calicoj.model.k8s;

import io.calicoj.model.InvalidResourceException;
import io.calicoj.model.IpAddress;
import io.calicoj.model.Node;
import io.calicoj.model.ObjectMeta;
import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes Node → Calico v3 Node, as Calico's Kubernetes datastore shows it: same name and
 * labels, the {@code InternalIP} and {@code ExternalIP} addresses of {@code status.addresses}
 * (other types, such as {@code Hostname}, are left out), and no BGP section: Calico/J is
 * policy-only.
 */
public final class NodeConverter {

    private static final List<String> ADDRESS_TYPES = List.of("InternalIP", "ExternalIP");

    private NodeConverter() {
    }

    /** @throws InvalidResourceException naming the node, field and value of an address that is not an IP */
    public static Node toCalico(KubeNode node) {
        List<Node.Address> addresses = new ArrayList<>();
        try {
            for (int i = 0; i < node.addresses().size(); i++) {
                KubeNode.Address a = node.addresses().get(i);
                if (!ADDRESS_TYPES.contains(a.type())) {
                    continue;
                }
                if (!IpAddress.isValid(a.address())) {
                    throw new InvalidResourceException("status.addresses[" + i + "].address", a.address(), "not an IP address");
                }
                addresses.add(new Node.Address(a.address(), a.type()));
            }
            ObjectMeta meta = ObjectMeta.named(node.name())
                    .withLabels(node.labels())
                    .withUid(node.uid())
                    .withResourceVersion(node.resourceVersion());
            return new Node(meta, new Node.Spec(null, addresses));
        } catch (InvalidResourceException e) {
            throw e.forObject("Node " + node.name());
        }
    }
}
