package io.calicoj.calc;

import static io.calicoj.calc.testing.Resources.allowFrom;
import static io.calicoj.calc.testing.Resources.allowTcpFrom;
import static io.calicoj.calc.testing.Resources.containerPort;
import static io.calicoj.calc.testing.Resources.globalPolicy;
import static io.calicoj.calc.testing.Resources.globalPolicyId;
import static io.calicoj.calc.testing.Resources.hostEndpoint;
import static io.calicoj.calc.testing.Resources.ip;
import static io.calicoj.calc.testing.Resources.ipPort;
import static io.calicoj.calc.testing.Resources.labels;
import static io.calicoj.calc.testing.Resources.namedPortSet;
import static io.calicoj.calc.testing.Resources.namespace;
import static io.calicoj.calc.testing.Resources.onNode;
import static io.calicoj.calc.testing.Resources.pod;
import static io.calicoj.calc.testing.Resources.policy;
import static io.calicoj.calc.testing.Resources.policyId;
import static io.calicoj.calc.testing.Resources.ports;
import static io.calicoj.calc.testing.Resources.profile;
import static io.calicoj.calc.testing.Resources.rule;
import static io.calicoj.calc.testing.Resources.scoped;
import static io.calicoj.calc.testing.Resources.selector;
import static io.calicoj.calc.testing.Resources.selectorSet;
import static io.calicoj.calc.testing.Resources.withProfiles;

import io.calicoj.calc.testing.State;
import io.calicoj.model.Action;
import io.calicoj.model.EntityRule;
import io.calicoj.model.HostEndpoint;
import io.calicoj.model.NetworkPolicy;
import io.calicoj.model.Profile;
import io.calicoj.model.Protocol;
import io.calicoj.model.Rule;
import io.calicoj.model.WorkloadEndpoint;
import io.calicoj.model.felix.PolicyId;
import java.util.List;

/**
 * The hand-written scenarios of the whole-graph tests: sequences of datastore states with the
 * dataplane state each must produce on node {@link #LOCAL}. Two namespaces, x (team red) and y
 * (team blue), each with a pod on this node (a) and one on another node (b).
 */
final class Scenarios {

    record Scenario(String name, List<State> states) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final String LOCAL = "node-a";
    static final String REMOTE = "node-b";

    static final Profile NS_X = namespace("x", "team", "red");
    static final Profile NS_Y = namespace("y", "team", "blue");
    static final WorkloadEndpoint XA = pod("x", "a", LOCAL, "10.0.1.1", labels("app", "web"),
            containerPort("http", 80, "TCP"));
    static final WorkloadEndpoint XB = pod("x", "b", REMOTE, "10.0.1.2", labels("app", "db"),
            containerPort("http", 8080, "TCP"));
    static final WorkloadEndpoint YA = pod("y", "a", LOCAL, "10.0.2.1", labels("app", "web"),
            containerPort("dns", 53, "UDP"));
    static final WorkloadEndpoint YB = pod("y", "b", REMOTE, "10.0.2.2", labels("app", "client"));

    /** x/web: ingress to app=web from app=db (same namespace) on TCP 80. */
    static final NetworkPolicy X_WEB = policy("x", "web", 10.0, "app == 'web'",
            List.of(allowTcpFrom(selector("app == 'db'"), "80")), List.of());
    /** y/web: ingress to app=web from app=client (same namespace). */
    static final NetworkPolicy Y_WEB = policy("y", "web", 10.0, "app == 'web'",
            List.of(allowFrom(selector("app == 'client'"))), List.of());

    static final PolicyId X_WEB_ID = policyId("x", "web");
    static final PolicyId Y_WEB_ID = policyId("y", "web");
    static final String X_DB = selectorSet(scoped("x", "app == 'db'"));
    static final String Y_CLIENT = selectorSet(scoped("y", "app == 'client'"));

    private Scenarios() {
    }

    static List<Scenario> all() {
        return List.of(
                new Scenario("empty", List.of()),
                policiesInTwoNamespacesWithPodLabelChanges(),
                namespaceLabelsMoveEndpointsInAndOut(),
                namedPorts(),
                sharedSelectorsAndASharedIp(),
                missingProfile(),
                policyOrderChanges(),
                localEndpointMovesToAnotherNode(),
                globalPolicyWithNamespaceSelector(),
                invalidEndpointIsDropped(),
                hostEndpointUnderAGlobalPolicy(),
                everythingThenNothing(),
                longMixedSequence());
    }

    static State twoNamespaces() {
        return State.EMPTY.withName("two namespaces, web policies")
                .withResources(NS_X, NS_Y, XA, XB, YA, YB, X_WEB, Y_WEB)
                .withIpSet(X_DB, ip("10.0.1.2"))
                .withIpSet(Y_CLIENT, ip("10.0.2.2"))
                .withActivePolicies(X_WEB_ID, Y_WEB_ID)
                .withActiveProfiles("kns.x", "kns.y")
                .withEndpoint(XA.key(), List.of(X_WEB_ID), List.of())
                .withEndpoint(YA.key(), List.of(Y_WEB_ID), List.of());
    }

    static Scenario policiesInTwoNamespacesWithPodLabelChanges() {
        State base = twoNamespaces();
        State dbRelabelled = base.withName("x/b is no longer a db")
                .withResources(pod("x", "b", REMOTE, "10.0.1.2", labels("app", "cache"), containerPort("http", 8080, "TCP")))
                .withIpSet(X_DB);
        State clientRelabelled = base.withName("y/b is no longer a client")
                .withResources(pod("y", "b", REMOTE, "10.0.2.2", labels("app", "web")))
                .withIpSet(Y_CLIENT);
        State webRelabelled = base.withName("x/a is no longer web")
                .withResources(pod("x", "a", LOCAL, "10.0.1.1", labels("app", "api"), containerPort("http", 80, "TCP")))
                .withoutIpSet(X_DB)
                .withActivePolicies(Y_WEB_ID)
                .withEndpoint(XA.key(), List.of(), List.of());
        return new Scenario("policies in two namespaces, pod label changes",
                List.of(base, dbRelabelled, clientRelabelled, webRelabelled, base));
    }

    static Scenario namespaceLabelsMoveEndpointsInAndOut() {
        NetworkPolicy fromRed = policy("y", "from-red", 5.0, "app == 'web'",
                List.of(allowFrom(selector("app == 'web'", "team == 'red'"))), List.of());
        PolicyId fromRedId = policyId("y", "from-red");
        String redWeb = selectorSet("(pcns.team == \"red\") && (app == 'web')");
        State base = State.EMPTY.withName("y/from-red allows web pods of red namespaces")
                .withResources(NS_X, NS_Y, XA, XB, YA, YB, fromRed)
                .withIpSet(redWeb, ip("10.0.1.1"))
                .withActivePolicies(fromRedId)
                .withActiveProfiles("kns.x", "kns.y")
                .withEndpoint(XA.key(), List.of(), List.of())
                .withEndpoint(YA.key(), List.of(fromRedId), List.of());
        State yRed = base.withName("y turns red").withResources(namespace("y", "team", "red"))
                .withIpSet(redWeb, ip("10.0.1.1"), ip("10.0.2.1"));
        State xGreen = yRed.withName("and x turns green").withResources(namespace("x", "team", "green"))
                .withIpSet(redWeb, ip("10.0.2.1"));
        State yaNotWeb = xGreen.withName("y/a is no longer web")
                .withResources(pod("y", "a", LOCAL, "10.0.2.1", labels("app", "api"), containerPort("dns", 53, "UDP")))
                .withoutIpSet(redWeb)
                .withActivePolicies()
                .withEndpoint(YA.key(), List.of(), List.of());
        return new Scenario("namespace labels move endpoints in and out", List.of(base, yRed, xGreen, yaNotWeb));
    }

    static Scenario namedPorts() {
        Rule fromAnyToHttp = allowTcpFrom(selector("has(app)"), "http");
        Rule toDbHttpOr443 = rule(Action.ALLOW, Protocol.TCP, EntityRule.ANY,
                selector("app == 'db'").withPorts(ports("http", "443")));
        Rule toDns = rule(Action.ALLOW, Protocol.UDP, EntityRule.ANY, EntityRule.ANY.withPorts(ports("dns")));
        NetworkPolicy named = policy("x", "named", 1.0, "app == 'web'", List.of(fromAnyToHttp),
                List.of(toDbHttpOr443, toDns));
        PolicyId id = policyId("x", "named");
        String anyHttp = namedPortSet("all()", Protocol.TCP, "http");
        String xHasApp = selectorSet(scoped("x", "has(app)"));
        String dbHttp = namedPortSet(scoped("x", "app == 'db'"), Protocol.TCP, "http");
        String xDb = selectorSet(scoped("x", "app == 'db'"));
        String anyDns = namedPortSet("all()", Protocol.UDP, "dns");
        State base = State.EMPTY.withName("named ports in and out")
                .withResources(NS_X, NS_Y, XA, XB, YA, YB, named)
                .withIpSet(anyHttp, ipPort("10.0.1.1", Protocol.TCP, 80), ipPort("10.0.1.2", Protocol.TCP, 8080))
                .withIpSet(xHasApp, ip("10.0.1.1"), ip("10.0.1.2"))
                .withIpSet(dbHttp, ipPort("10.0.1.2", Protocol.TCP, 8080))
                .withIpSet(xDb, ip("10.0.1.2"))
                .withIpSet(anyDns, ipPort("10.0.2.1", Protocol.UDP, 53))
                .withActivePolicies(id)
                .withActiveProfiles("kns.x", "kns.y")
                .withEndpoint(XA.key(), List.of(id), List.of(id))
                .withEndpoint(YA.key(), List.of(), List.of());
        State portMoved = base.withName("x/b serves http on 9090, y/b gains http on 80/UDP")
                .withResources(pod("x", "b", REMOTE, "10.0.1.2", labels("app", "db"), containerPort("http", 9090, "TCP")),
                        pod("y", "b", REMOTE, "10.0.2.2", labels("app", "client"), containerPort("http", 80, "UDP")))
                .withIpSet(anyHttp, ipPort("10.0.1.1", Protocol.TCP, 80), ipPort("10.0.1.2", Protocol.TCP, 9090))
                .withIpSet(dbHttp, ipPort("10.0.1.2", Protocol.TCP, 9090));
        State addressMoved = portMoved.withName("x/b gets a new address")
                .withResources(pod("x", "b", REMOTE, "10.0.1.9", labels("app", "db"), containerPort("http", 9090, "TCP")))
                .withIpSet(anyHttp, ipPort("10.0.1.1", Protocol.TCP, 80), ipPort("10.0.1.9", Protocol.TCP, 9090))
                .withIpSet(xHasApp, ip("10.0.1.1"), ip("10.0.1.9"))
                .withIpSet(dbHttp, ipPort("10.0.1.9", Protocol.TCP, 9090))
                .withIpSet(xDb, ip("10.0.1.9"));
        return new Scenario("named ports", List.of(base, portMoved, addressMoved, base));
    }

    static Scenario sharedSelectorsAndASharedIp() {
        NetworkPolicy webToo = policy("x", "web-too", 20.0, "app == 'web'",
                List.of(allowFrom(selector("app == 'db'"))), List.of());
        PolicyId webTooId = policyId("x", "web-too");
        WorkloadEndpoint xb2 = pod("x", "b2", REMOTE, "10.0.1.2", labels("app", "db"));
        State both = State.EMPTY.withName("two policies share a selector; two db pods share an address")
                .withResources(NS_X, XA, XB, xb2, X_WEB, webToo)
                .withIpSet(X_DB, ip("10.0.1.2"))
                .withActivePolicies(X_WEB_ID, webTooId)
                .withActiveProfiles("kns.x")
                .withEndpoint(XA.key(), List.of(X_WEB_ID, webTooId), List.of());
        State oneDbGone = both.withName("one db pod gone").without(XB.key());
        State otherRelabelled = oneDbGone.withName("the other is no longer a db")
                .withResources(pod("x", "b2", REMOTE, "10.0.1.2", labels("app", "cache")))
                .withIpSet(X_DB);
        State onePolicyGone = both.withName("one policy gone").without(X_WEB.key())
                .withActivePolicies(webTooId)
                .withEndpoint(XA.key(), List.of(webTooId), List.of());
        return new Scenario("shared selectors and a shared IP", List.of(both, oneDbGone, otherRelabelled, both,
                onePolicyGone));
    }

    static Scenario missingProfile() {
        WorkloadEndpoint xaExtra = withProfiles(XA, "kns.x", "extra");
        NetworkPolicy extraOnly = policy("x", "extra-only", 1.0, "extra == 'yes'", List.of(), List.of());
        PolicyId extraOnlyId = policyId("x", "extra-only");
        State missing = State.EMPTY.withName("x/a lists a profile that does not exist")
                .withResources(NS_X, xaExtra, extraOnly)
                .withActiveProfiles("kns.x", "extra")
                .withEndpoint(XA.key(), List.of(), List.of());
        State present = missing.withName("the profile appears, with a label that a policy selects")
                .withResources(profile("extra", labels("extra", "yes"), List.of(Rule.allowAll()), List.of()))
                .withActivePolicies(extraOnlyId)
                .withEndpoint(XA.key(), List.of(extraOnlyId), List.of());
        return new Scenario("missing profile", List.of(missing, present, missing));
    }

    static Scenario policyOrderChanges() {
        NetworkPolicy a = policy("x", "a", 1.0, "app == 'web'", List.of(), List.of());
        NetworkPolicy b = policy("x", "b", 2.0, "app == 'web'", List.of(), List.of());
        NetworkPolicy c = policy("x", "c", 3.0, "app == 'web'", List.of(), List.of());
        PolicyId ia = policyId("x", "a");
        PolicyId ib = policyId("x", "b");
        PolicyId ic = policyId("x", "c");
        State abc = State.EMPTY.withName("orders 1, 2, 3").withResources(NS_X, XA, a, b, c)
                .withActivePolicies(ia, ib, ic).withActiveProfiles("kns.x")
                .withEndpoint(XA.key(), List.of(ia, ib, ic), List.of());
        State cba = abc.withName("orders 3, 2, 1").withResources(
                        policy("x", "a", 3.0, "app == 'web'", List.of(), List.of()),
                        policy("x", "c", 1.0, "app == 'web'", List.of(), List.of()))
                .withEndpoint(XA.key(), List.of(ic, ib, ia), List.of());
        State unordered = abc.withName("b unordered goes last, a and c tie and sort by name").withResources(
                        policy("x", "a", 5.0, "app == 'web'", List.of(), List.of()),
                        policy("x", "b", null, "app == 'web'", List.of(), List.of()),
                        policy("x", "c", 5.0, "app == 'web'", List.of(), List.of()))
                .withEndpoint(XA.key(), List.of(ia, ic, ib), List.of());
        State egress = abc.withName("b governs egress only").withResources(
                        policy("x", "b", 2.0, "app == 'web'", List.of(),
                                List.of(rule(Action.ALLOW, null, EntityRule.ANY, EntityRule.ANY))))
                .withEndpoint(XA.key(), List.of(ia, ic), List.of(ib));
        return new Scenario("policy order changes", List.of(abc, cba, unordered, egress, abc));
    }

    static Scenario localEndpointMovesToAnotherNode() {
        State here = twoNamespaces().withName("x/a on this node");
        State moved = here.withName("x/a moves away, x/b moves here")
                .withResources(onNode(XA, REMOTE), onNode(XB, LOCAL))
                .withActivePolicies(Y_WEB_ID)
                .withoutIpSet(X_DB)
                .withoutEndpoint(XA.key())
                .withEndpoint(XB.key(), List.of(), List.of());
        State allAway = moved.withName("everything moves away")
                .withResources(onNode(XB, REMOTE), onNode(YA, REMOTE))
                .withActivePolicies()
                .withActiveProfiles()
                .withoutIpSet(Y_CLIENT)
                .withoutEndpoint(XB.key())
                .withoutEndpoint(YA.key());
        return new Scenario("a local endpoint moves to another node", List.of(here, moved, allAway, here));
    }

    static Scenario globalPolicyWithNamespaceSelector() {
        Rule denyClients = rule(Action.DENY, null, selector("app == 'client'"), EntityRule.ANY);
        var redWeb = globalPolicy("red-web", 1.0, "app == 'web'", "team == 'red'", List.of(denyClients), List.of());
        PolicyId id = globalPolicyId("red-web");
        String clients = selectorSet("app == 'client'");
        State redOnly = State.EMPTY.withName("a global policy for web pods of red namespaces")
                .withResources(NS_X, NS_Y, XA, YA, YB, redWeb)
                .withIpSet(clients, ip("10.0.2.2"))
                .withActivePolicies(id)
                .withActiveProfiles("kns.x", "kns.y")
                .withEndpoint(XA.key(), List.of(id), List.of())
                .withEndpoint(YA.key(), List.of(), List.of());
        State bothRed = redOnly.withName("y turns red").withResources(namespace("y", "team", "red"))
                .withEndpoint(YA.key(), List.of(id), List.of());
        State noneRed = redOnly.withName("x turns blue").withResources(namespace("x", "team", "blue"))
                .withoutIpSet(clients)
                .withActivePolicies()
                .withEndpoint(XA.key(), List.of(), List.of());
        return new Scenario("global policy with a namespace selector", List.of(redOnly, bothRed, noneRed, redOnly));
    }

    static Scenario invalidEndpointIsDropped() {
        WorkloadEndpoint.Spec s = XA.spec();
        WorkloadEndpoint noInterface = new WorkloadEndpoint(XA.metadata(), new WorkloadEndpoint.Spec(s.orchestrator(),
                s.workload(), s.node(), s.containerId(), s.pod(), s.endpoint(), s.serviceAccountName(), s.ipNetworks(),
                s.ipNats(), s.ipv4Gateway(), s.ipv6Gateway(), s.profiles(), "", s.mac(), s.ports()));
        State valid = twoNamespaces().withName("x/a valid");
        State invalid = valid.withName("x/a loses its interface name, so it is treated as deleted")
                .withResources(noInterface)
                .withActivePolicies(Y_WEB_ID)
                .withActiveProfiles("kns.y")
                .withoutIpSet(X_DB)
                .withoutEndpoint(XA.key());
        return new Scenario("an invalid endpoint is dropped", List.of(valid, invalid, valid));
    }

    static Scenario hostEndpointUnderAGlobalPolicy() {
        HostEndpoint gw = hostEndpoint("gw", LOCAL, "eth1", List.of("192.168.0.1"), labels("role", "gateway"));
        HostEndpoint remoteGw = hostEndpoint("gw2", REMOTE, "eth1", List.of("192.168.0.2"), labels("role", "gateway"));
        var gateways = globalPolicy("gateways", 1.0, "role == 'gateway'", null,
                List.of(allowFrom(selector("role == 'gateway'"))), List.of());
        PolicyId id = globalPolicyId("gateways");
        String gwSet = selectorSet("role == 'gateway'");
        State base = State.EMPTY.withName("a local host endpoint under a global policy")
                .withResources(gw, remoteGw, gateways)
                .withIpSet(gwSet, ip("192.168.0.1"), ip("192.168.0.2"))
                .withActivePolicies(id)
                .withEndpoint(gw.key(), List.of(id), List.of());
        State relabelled = base.withName("the remote one is no gateway")
                .withResources(hostEndpoint("gw2", REMOTE, "eth1", List.of("192.168.0.2"), labels("role", "db")))
                .withIpSet(gwSet, ip("192.168.0.1"));
        return new Scenario("host endpoint", List.of(base, relabelled));
    }

    static Scenario everythingThenNothing() {
        return new Scenario("everything, then nothing", List.of(twoNamespaces(), State.EMPTY, twoNamespaces()));
    }

    static Scenario longMixedSequence() {
        return new Scenario("a long mixed sequence", List.of(
                twoNamespaces(),
                namedPorts().states().get(0),
                policyOrderChanges().states().get(1),
                globalPolicyWithNamespaceSelector().states().get(1),
                missingProfile().states().get(0),
                sharedSelectorsAndASharedIp().states().get(0),
                namespaceLabelsMoveEndpointsInAndOut().states().get(2),
                localEndpointMovesToAnotherNode().states().get(1),
                namedPorts().states().get(2),
                twoNamespaces()));
    }
}
