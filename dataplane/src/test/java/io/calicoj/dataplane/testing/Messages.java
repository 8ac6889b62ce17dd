package io.calicoj.dataplane.testing;

import io.calicoj.dataplane.api.ActivePolicyUpdate;
import io.calicoj.dataplane.api.ActiveProfileUpdate;
import io.calicoj.dataplane.api.IpSetMember;
import io.calicoj.dataplane.api.IpSetType;
import io.calicoj.dataplane.api.IpSetUpdate;
import io.calicoj.dataplane.api.ParsedPolicy;
import io.calicoj.dataplane.api.ParsedRule;
import io.calicoj.dataplane.api.TierInfo;
import io.calicoj.dataplane.api.WorkloadEndpointUpdate;
import io.calicoj.model.Cidr;
import io.calicoj.model.IpAddress;
import io.calicoj.model.ResourceKey;
import io.calicoj.model.ResourceKind;
import io.calicoj.model.felix.PolicyId;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Short forms of the {@code DataplaneUpdate} messages tests feed a dataplane. */
public final class Messages {

    private Messages() {
    }

    public static ResourceKey wepKey(String namespace, String pod) {
        return ResourceKey.of(ResourceKind.WORKLOAD_ENDPOINT, namespace, "node1-k8s-" + pod + "-eth0");
    }

    /** A workload with one address, the given ingress policies in tier default and profile {@code kns.<namespace>}. */
    public static WorkloadEndpointUpdate workload(String namespace, String pod, String iface, String ip, List<PolicyId> ingress,
                                                  List<PolicyId> egress) {
        List<TierInfo> tiers = ingress.isEmpty() && egress.isEmpty() ? List.of() : List.of(new TierInfo("default", ingress, egress));
        return new WorkloadEndpointUpdate(wepKey(namespace, pod), iface, "", List.of(Cidr.parse(ip + "/32")), List.of(), tiers,
                List.of("kns." + namespace));
    }

    public static ActivePolicyUpdate policy(PolicyId id, List<ParsedRule> inbound, List<ParsedRule> outbound) {
        return new ActivePolicyUpdate(id, new ParsedPolicy(inbound, outbound, false, false, false));
    }

    /** The KDD namespace profile: allow everything both ways. */
    public static ActiveProfileUpdate allowAllProfile(String namespace) {
        return new ActiveProfileUpdate("kns." + namespace, List.of(ParsedRuleBuilder.allow().build()),
                List.of(ParsedRuleBuilder.allow().build()));
    }

    public static IpSetUpdate ipSet(String id, String... addresses) {
        return new IpSetUpdate(id, IpSetType.IP, Set.copyOf(Arrays.stream(addresses)
                .map(a -> (IpSetMember) new IpSetMember.Address(IpAddress.parse(a))).toList()));
    }
}
