package io.calicoj.calc;

import io.calicoj.dataplane.api.ActivePolicyRemove;
import io.calicoj.dataplane.api.ActivePolicyUpdate;
import io.calicoj.dataplane.api.ActiveProfileRemove;
import io.calicoj.dataplane.api.ActiveProfileUpdate;
import io.calicoj.dataplane.api.ConfigUpdate;
import io.calicoj.dataplane.api.DataplaneUpdate;
import io.calicoj.dataplane.api.HostEndpointRemove;
import io.calicoj.dataplane.api.HostEndpointUpdate;
import io.calicoj.dataplane.api.InSync;
import io.calicoj.dataplane.api.IpSetMember;
import io.calicoj.dataplane.api.IpSetType;
import io.calicoj.dataplane.api.ParsedPolicy;
import io.calicoj.dataplane.api.ParsedRule;
import io.calicoj.dataplane.api.WorkloadEndpointRemove;
import io.calicoj.dataplane.api.WorkloadEndpointUpdate;
import io.calicoj.model.Cidr;
import io.calicoj.model.HostEndpoint;
import io.calicoj.model.ResourceKey;
import io.calicoj.model.ResourceKind;
import io.calicoj.model.WorkloadEndpoint;
import io.calicoj.model.felix.PolicyId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Buffers the graph's output and, on {@link #flush}, emits it coalesced and in dependency order
 * (Felix's {@code EventSequencer}), so a dataplane never sees a reference to something it has
 * not been sent, nor loses something still referenced:
 * <ol>
 * <li>config; IP sets added (whole); IP set member deltas; policies; profiles; endpoints;</li>
 * <li>then endpoint removals; profile removals; policy removals; IP set removals;</li>
 * <li>and {@link InSync} at the end of the first batch in sync.</li>
 * </ol>
 * Buffers are per message family ({@link IpSetBuffer}, {@link KeyedBuffer}); anything equal to
 * what was last sent is not sent again.
 *
 * <p>Not thread-safe; confined to the calc thread.
 */
final class EventSequencer implements IpSetListener, RulesListener, EndpointPolicyListener, ConfigListener {

    private final IpSetBuffer ipSets = new IpSetBuffer();
    private final KeyedBuffer<PolicyId, ParsedPolicy> policies = new KeyedBuffer<>();
    private final KeyedBuffer<String, ActiveProfileUpdate> profiles = new KeyedBuffer<>();
    private final KeyedBuffer<ResourceKey, DataplaneUpdate> endpoints = new KeyedBuffer<>();
    private Map<String, String> pendingConfig;

    @Override
    public void onConfigUpdate(Map<String, String> config) {
        pendingConfig = config;
    }

    @Override
    public void onIpSetAdded(String id, IpSetType type) {
        ipSets.onIpSetAdded(id, type);
    }

    @Override
    public void onMemberAdded(String id, IpSetMember member) {
        ipSets.onMemberAdded(id, member);
    }

    @Override
    public void onMemberRemoved(String id, IpSetMember member) {
        ipSets.onMemberRemoved(id, member);
    }

    @Override
    public void onIpSetRemoved(String id) {
        ipSets.onIpSetRemoved(id);
    }

    @Override
    public void onPolicyRulesUpdate(PolicyId id, ParsedPolicy policy) {
        policies.update(id, policy);
    }

    @Override
    public void onPolicyRulesRemoved(PolicyId id) {
        policies.remove(id);
    }

    @Override
    public void onProfileRulesUpdate(String name, List<ParsedRule> inbound, List<ParsedRule> outbound) {
        profiles.update(name, new ActiveProfileUpdate(name, inbound, outbound));
    }

    @Override
    public void onProfileRulesRemoved(String name) {
        profiles.remove(name);
    }

    @Override
    public void onEndpointPolicyUpdate(EndpointData endpoint, EndpointPolicies policies) {
        endpoints.update(endpoint.key(), message(endpoint, policies));
    }

    @Override
    public void onEndpointPolicyRemoved(ResourceKey key) {
        endpoints.remove(key);
    }

    /** Whether there is nothing to send. */
    boolean isEmpty() {
        return pendingConfig == null && ipSets.isEmpty() && policies.isEmpty() && profiles.isEmpty()
                && endpoints.isEmpty();
    }

    /** Everything pending, in order; {@link InSync} last when {@code inSync} is set. */
    List<DataplaneUpdate> flush(boolean inSync) {
        List<DataplaneUpdate> out = new ArrayList<>();
        if (pendingConfig != null) {
            out.add(new ConfigUpdate(pendingConfig));
            pendingConfig = null;
        }
        ipSets.flushUpdates(out::add);
        policies.flushUpdates((id, p) -> out.add(new ActivePolicyUpdate(id, p)));
        profiles.flushUpdates((name, p) -> out.add(p));
        endpoints.flushUpdates((key, m) -> out.add(m));
        endpoints.flushRemovals(key -> out.add(key.kind() == ResourceKind.HOST_ENDPOINT
                ? new HostEndpointRemove(key) : new WorkloadEndpointRemove(key)));
        profiles.flushRemovals(name -> out.add(new ActiveProfileRemove(name)));
        policies.flushRemovals(id -> out.add(new ActivePolicyRemove(id)));
        ipSets.flushRemovals(out::add);
        if (inSync) {
            out.add(new InSync());
        }
        return List.copyOf(out);
    }

    private static DataplaneUpdate message(EndpointData endpoint, EndpointPolicies p) {
        if (endpoint.resource() instanceof HostEndpoint hep) {
            List<Cidr> addrs = hep.spec().expectedIps().stream().map(Cidr::host).toList();
            return new HostEndpointUpdate(hep.key(), hep.spec().interfaceName(), ofVersion(addrs, 4),
                    ofVersion(addrs, 6), p.tiers(), p.untrackedTiers(), p.preDnatTiers(), endpoint.profileIds());
        }
        WorkloadEndpoint wep = (WorkloadEndpoint) endpoint.resource();
        List<Cidr> nets = wep.spec().ipNetworks();
        return new WorkloadEndpointUpdate(wep.key(), wep.spec().interfaceName(), wep.spec().mac(),
                ofVersion(nets, 4), ofVersion(nets, 6), p.tiers(), endpoint.profileIds());
    }

    private static List<Cidr> ofVersion(List<Cidr> nets, int version) {
        return nets.stream().filter(n -> n.version() == version).toList();
    }
}
