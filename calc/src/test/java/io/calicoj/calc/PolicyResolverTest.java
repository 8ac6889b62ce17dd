package io.calicoj.calc;

import static io.calicoj.calc.testing.Resources.globalPolicyId;
import static io.calicoj.calc.testing.Resources.hostEndpoint;
import static io.calicoj.calc.testing.Resources.labels;
import static io.calicoj.calc.testing.Resources.pod;
import static io.calicoj.calc.testing.Resources.policyId;
import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.dataplane.api.TierInfo;
import io.calicoj.model.Action;
import io.calicoj.model.GlobalNetworkPolicy;
import io.calicoj.model.NetworkPolicy;
import io.calicoj.model.ObjectMeta;
import io.calicoj.model.PolicySpec;
import io.calicoj.model.PolicyType;
import io.calicoj.model.ResourceKey;
import io.calicoj.model.Rule;
import io.calicoj.model.SelectorExpression;
import io.calicoj.model.felix.PolicyId;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyResolverTest {

    private final RecordingEndpointPolicies out = new RecordingEndpointPolicies();
    private final PolicyResolver resolver = new PolicyResolver(out);
    private final EndpointData web = Decoded.endpoint(pod("x", "a", "node-a", "10.0.0.1", labels("app", "web")));

    private PolicyId policy(String name, Double order, PolicyType... types) {
        List<Rule> rules = List.of(Rule.of(Action.ALLOW));
        List<PolicyType> t = List.of(types);
        var p = new NetworkPolicy(ObjectMeta.namespaced("x", name), PolicySpec.of(order,
                SelectorExpression.EMPTY, t, t.contains(PolicyType.INGRESS) ? rules : List.of(),
                t.contains(PolicyType.EGRESS) ? rules : List.of()));
        resolver.onPolicyUpdate(Decoded.policy(p));
        return policyId("x", name);
    }

    private PolicyId global(String name, boolean doNotTrack, boolean preDnat) {
        var p = new GlobalNetworkPolicy(ObjectMeta.named(name), new PolicySpec(PolicySpec.DEFAULT_TIER, 1.0,
                SelectorExpression.EMPTY, null, List.of(PolicyType.INGRESS), List.of(), List.of(), doNotTrack, preDnat,
                false));
        resolver.onPolicyUpdate(Decoded.policy(p));
        return globalPolicyId(name);
    }

    private List<TierInfo> tiersOf(ResourceKey key) {
        return out.endpoints.get(key).tiers();
    }

    @Test
    void nothingIsSentUntilFlushAndThenOnlyWhatChanged() {
        resolver.onEndpointUpdate(web);
        assertThat(out.events).isZero();
        resolver.flush();
        assertThat(out.endpoints.get(web.key())).isEqualTo(EndpointPolicies.NONE);
        resolver.flush();
        assertThat(out.events).isEqualTo(1);
    }

    @Test
    void policiesAreOrderedByOrderThenNameWithUnorderedLast() {
        resolver.onEndpointUpdate(web);
        PolicyId c = policy("c", 1.0, PolicyType.INGRESS);
        PolicyId b = policy("b", null, PolicyType.INGRESS);
        PolicyId a = policy("a", 1.0, PolicyType.INGRESS, PolicyType.EGRESS);
        PolicyId z = policy("z", 0.5, PolicyType.EGRESS);
        for (PolicyId id : List.of(c, b, a, z)) {
            resolver.onPolicyMatchStarted(id, web.key());
        }
        resolver.flush();
        assertThat(tiersOf(web.key())).containsExactly(new TierInfo("default", List.of(a, c, b), List.of(z, a)));
    }

    @Test
    void anOrderChangeResortsOnlyTheEndpointsOfThatPolicy() {
        EndpointData other = Decoded.endpoint(pod("x", "b", "node-a", "10.0.0.2", labels()));
        resolver.onEndpointUpdate(web);
        resolver.onEndpointUpdate(other);
        PolicyId a = policy("a", 1.0, PolicyType.INGRESS);
        PolicyId b = policy("b", 2.0, PolicyType.INGRESS);
        resolver.onPolicyMatchStarted(a, web.key());
        resolver.onPolicyMatchStarted(b, web.key());
        resolver.flush();
        int events = out.events;

        policy("a", 3.0, PolicyType.INGRESS);
        resolver.flush();
        assertThat(tiersOf(web.key())).containsExactly(new TierInfo("default", List.of(b, a), List.of()));
        assertThat(out.events).isEqualTo(events + 1);

        policy("a", 3.0, PolicyType.INGRESS);
        resolver.flush();
        assertThat(out.events).isEqualTo(events + 1);
    }

    @Test
    void aMatchStoppingAndAnEndpointGoingAreFlushed() {
        resolver.onEndpointUpdate(web);
        PolicyId a = policy("a", 1.0, PolicyType.INGRESS);
        resolver.onPolicyMatchStarted(a, web.key());
        resolver.flush();
        resolver.onPolicyMatchStopped(a, web.key());
        resolver.flush();
        assertThat(tiersOf(web.key())).isEmpty();
        resolver.onEndpointRemoved(web.key());
        resolver.flush();
        assertThat(out.endpoints).isEmpty();
    }

    @Test
    void aWorkloadGetsOnlyNormalPoliciesAHostEndpointAlsoUntrackedAndPreDnatOnes() {
        EndpointData host = Decoded.endpoint(hostEndpoint("h", "node-a", "eth0", List.of("192.168.0.1"), labels()));
        resolver.onEndpointUpdate(web);
        resolver.onEndpointUpdate(host);
        PolicyId normal = global("normal", false, false);
        PolicyId untracked = global("untracked", true, false);
        PolicyId preDnat = global("pre-dnat", false, true);
        for (PolicyId id : List.of(normal, untracked, preDnat)) {
            resolver.onPolicyMatchStarted(id, web.key());
            resolver.onPolicyMatchStarted(id, host.key());
        }
        resolver.flush();

        assertThat(out.endpoints.get(web.key())).isEqualTo(new EndpointPolicies(
                List.of(new TierInfo("default", List.of(normal), List.of())), List.of(), List.of()));
        assertThat(out.endpoints.get(host.key())).isEqualTo(new EndpointPolicies(
                List.of(new TierInfo("default", List.of(normal), List.of())),
                List.of(new TierInfo("default", List.of(untracked), List.of())),
                List.of(new TierInfo("default", List.of(preDnat), List.of()))));
    }
}
