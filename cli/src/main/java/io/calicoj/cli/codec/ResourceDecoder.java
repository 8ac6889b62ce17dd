package io.calicoj.cli.codec;

import io.calicoj.model.Action;
import io.calicoj.model.Cidr;
import io.calicoj.model.EndpointPort;
import io.calicoj.model.EntityRule;
import io.calicoj.model.FelixConfiguration;
import io.calicoj.model.GlobalNetworkPolicy;
import io.calicoj.model.HostEndpoint;
import io.calicoj.model.IcmpMatch;
import io.calicoj.model.InvalidResourceException;
import io.calicoj.model.IpAddress;
import io.calicoj.model.IpNat;
import io.calicoj.model.IpPool;
import io.calicoj.model.NetworkPolicy;
import io.calicoj.model.Node;
import io.calicoj.model.ObjectMeta;
import io.calicoj.model.PolicySpec;
import io.calicoj.model.PolicyType;
import io.calicoj.model.Port;
import io.calicoj.model.Profile;
import io.calicoj.model.Protocol;
import io.calicoj.model.Resource;
import io.calicoj.model.ResourceKind;
import io.calicoj.model.Rule;
import io.calicoj.model.SelectorExpression;
import io.calicoj.model.WorkloadEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads one Calico v3 resource ({@code apiVersion: projectcalico.org/v3}) from a parsed YAML or
 * JSON document into the model's records. Field names are Calico's; every field is checked
 * (unknown or misplaced fields, wrong types, bad selectors, CIDRs, ports, protocols) and the
 * model's constructors check the rest. Errors are {@link InvalidResourceException}s whose field
 * is the path from the document root.
 *
 * <p>Namespaces follow calicoctl: a namespaced resource without one gets the {@code -n} namespace
 * or {@code default}; one that names a namespace different from {@code -n} is an error, as is a
 * namespace on a cluster-scoped kind.
 */
public final class ResourceDecoder {

    private static final String NOT_IMPLEMENTED = "a Calico field that Calico/J does not implement";

    private static final Map<String, String> UNSUPPORTED_METADATA = Map.of(
            "generateName", "Calico resources need an explicit name",
            "ownerReferences", NOT_IMPLEMENTED,
            "finalizers", NOT_IMPLEMENTED,
            "deletionTimestamp", "set by the datastore, not by a resource file",
            "deletionGracePeriodSeconds", "set by the datastore, not by a resource file");
    private static final Map<String, String> UNSUPPORTED_POLICY = Map.of(
            "serviceAccountSelector", NOT_IMPLEMENTED,
            "performanceHints", NOT_IMPLEMENTED,
            "stagedAction", NOT_IMPLEMENTED);
    private static final Map<String, String> UNSUPPORTED_RULE = Map.of(
            "http", "application-layer (HTTP) rules need Calico's application layer, which Calico/J does not implement",
            "metadata", NOT_IMPLEMENTED);
    private static final Map<String, String> UNSUPPORTED_ENTITY = Map.of(
            "services", NOT_IMPLEMENTED,
            "serviceAccounts", NOT_IMPLEMENTED);

    private ResourceDecoder() {
    }

    /**
     * @param doc             the document (a mapping)
     * @param clientNamespace the {@code -n/--namespace} value, or empty
     */
    public static Resource decode(JsonNode doc, String clientNamespace) {
        Fields top = Fields.of(doc, "");
        String apiVersion = top.string("apiVersion", "");
        if (!apiVersion.equals(ResourceKind.API_VERSION)) {
            throw new InvalidResourceException("apiVersion", apiVersion, apiVersion.equals("v1")
                    ? "Calico v2 (apiVersion v1) resources are not supported; write them as " + ResourceKind.API_VERSION
                    : "expected " + ResourceKind.API_VERSION);
        }
        ResourceKind kind = kind(top.string("kind", ""));
        ObjectMeta meta = metadata(top.object("metadata"), kind, clientNamespace);
        Fields spec = top.object("spec");
        top.finish();
        Resource r = switch (kind) {
            case NETWORK_POLICY -> new NetworkPolicy(meta, policySpec(spec, false));
            case GLOBAL_NETWORK_POLICY -> new GlobalNetworkPolicy(meta, policySpec(spec, true));
            case PROFILE -> new Profile(meta, profileSpec(spec));
            case WORKLOAD_ENDPOINT -> new WorkloadEndpoint(meta, workloadEndpointSpec(spec));
            case HOST_ENDPOINT -> new HostEndpoint(meta, hostEndpointSpec(spec));
            case NODE -> new Node(meta, nodeSpec(spec));
            case IP_POOL -> new IpPool(meta, ipPoolSpec(spec));
            case FELIX_CONFIGURATION -> new FelixConfiguration(meta, felixSpec(spec));
        };
        return r;
    }

    /** The kind named by a document, case-insensitively; the error lists the kinds Calico/J knows. */
    public static ResourceKind kind(String name) {
        if (name.isEmpty()) {
            throw new InvalidResourceException("kind", "", "a resource needs a kind");
        }
        try {
            return ResourceKind.fromKindName(name);
        } catch (InvalidResourceException e) {
            List<String> known = new ArrayList<>();
            for (ResourceKind k : ResourceKind.values()) {
                known.add(k.kindName());
            }
            throw new InvalidResourceException("kind", name,
                    "resource type '" + name + "' is not supported (supported: " + String.join(", ", known) + ")");
        }
    }

    // ---- metadata ---------------------------------------------------------------------------

    private static ObjectMeta metadata(Fields f, ResourceKind kind, String clientNamespace) {
        String name = f.string("name", "");
        if (name.isEmpty()) {
            throw new InvalidResourceException("metadata.name", "", "a resource needs a name");
        }
        String namespace = f.string("namespace", "");
        if (kind.namespaced()) {
            if (!clientNamespace.isEmpty() && !namespace.isEmpty() && !namespace.equals(clientNamespace)) {
                throw new InvalidResourceException("metadata.namespace", namespace,
                        "resource namespace does not match client namespace. " + namespace + " != " + clientNamespace);
            }
            if (namespace.isEmpty()) {
                namespace = clientNamespace.isEmpty() ? "default" : clientNamespace;
            }
        } else if (!namespace.isEmpty()) {
            throw new InvalidResourceException("metadata.namespace", namespace,
                    "namespace should not be specified for a non-namespaced resource. " + kind.kindName()
                            + " is not a namespaced resource");
        }
        Map<String, String> labels = f.stringMap("labels");
        Map<String, String> annotations = f.stringMap("annotations");
        String resourceVersion = f.string("resourceVersion", "");
        String uid = f.string("uid", "");
        String created = f.string("creationTimestamp", "");
        // Set by the API server and meaningless in a file: accepted so that `get -o yaml` output applies back.
        f.ignore("selfLink", "generation", "managedFields");
        f.finish(UNSUPPORTED_METADATA);
        return new ObjectMeta(name, namespace, labels, annotations, resourceVersion, uid, created);
    }

    // ---- policies -------------------------------------------------------------------------------

    private static PolicySpec policySpec(Fields f, boolean global) {
        String tier = f.string("tier", PolicySpec.DEFAULT_TIER);
        Double order = f.number("order");
        SelectorExpression selector = selector(f, "selector", SelectorExpression.EMPTY);
        List<PolicyType> types = new ArrayList<>();
        for (Fields.Element e : f.list("types")) {
            String t = e.string();
            types.add(Fields.at(e.path(), () -> PolicyType.parse(t)));
        }
        List<Rule> ingress = rules(f, "ingress");
        List<Rule> egress = rules(f, "egress");
        boolean doNotTrack = false;
        boolean preDnat = false;
        boolean applyOnForward = false;
        SelectorExpression namespaceSelector = null;
        if (global) {
            doNotTrack = f.bool("doNotTrack");
            preDnat = f.bool("preDNAT");
            applyOnForward = f.bool("applyOnForward");
            namespaceSelector = selector(f, "namespaceSelector", null);
        }
        f.finish(UNSUPPORTED_POLICY);
        boolean dnt = doNotTrack;
        boolean pre = preDnat;
        boolean fwd = applyOnForward;
        SelectorExpression nsSel = namespaceSelector;
        return Fields.within("spec", () -> new PolicySpec(tier, order, selector, nsSel, types, ingress, egress, dnt, pre, fwd));
    }

    private static List<Rule> rules(Fields f, String key) {
        List<Rule> out = new ArrayList<>();
        for (Fields.Element e : f.list(key)) {
            out.add(rule(e.fields()));
        }
        return out;
    }

    static Rule rule(Fields f) {
        String actionText = f.string("action", "");
        if (actionText.isEmpty()) {
            throw new InvalidResourceException(f.path("action"), "", "a rule needs an action (Allow, Deny, Log or Pass)");
        }
        Action action = Fields.at(f.path("action"), () -> Action.parse(actionText));
        Integer ipVersion = f.integer("ipVersion");
        Protocol protocol = protocol(f, "protocol");
        Protocol notProtocol = protocol(f, "notProtocol");
        IcmpMatch icmp = icmp(f, "icmp");
        IcmpMatch notIcmp = icmp(f, "notICMP");
        EntityRule source = entityRule(f.object("source"));
        EntityRule destination = entityRule(f.object("destination"));
        f.finish(UNSUPPORTED_RULE);
        return Fields.within(f.path(), () -> new Rule(action, ipVersion, protocol, notProtocol, icmp, notIcmp, source, destination));
    }

    /** Calico's {@code Uint8OrString}: a name or a number 1-255. */
    private static Protocol protocol(Fields f, String key) {
        JsonNode v = f.raw(key);
        if (v == null) {
            return null;
        }
        String path = f.path(key);
        if (v.isIntegralNumber()) {
            int n = Fields.integer(v, path);
            return Fields.at(path, () -> Protocol.of(n));
        }
        if (!v.isString()) {
            throw new InvalidResourceException(path, Fields.show(v), "expected a protocol name or number");
        }
        return Fields.at(path, () -> Protocol.parse(v.stringValue()));
    }

    private static IcmpMatch icmp(Fields parent, String key) {
        if (!parent.has(key)) {
            parent.raw(key);
            return null;
        }
        Fields f = parent.object(key);
        Integer type = f.integer("type");
        Integer code = f.integer("code");
        f.finish();
        if (type == null) {
            throw new InvalidResourceException(f.path("type"), code == null ? "" : code,
                    code == null ? "an ICMP match needs a type" : "ICMP code specified without an ICMP type");
        }
        return Fields.within(f.path(), () -> new IcmpMatch(type, code));
    }

    private static EntityRule entityRule(Fields f) {
        List<Cidr> nets = nets(f, "nets");
        SelectorExpression selector = selector(f, "selector", null);
        SelectorExpression namespaceSelector = selector(f, "namespaceSelector", null);
        List<Port> ports = ports(f, "ports");
        List<Cidr> notNets = nets(f, "notNets");
        SelectorExpression notSelector = selector(f, "notSelector", null);
        List<Port> notPorts = ports(f, "notPorts");
        f.finish(UNSUPPORTED_ENTITY);
        return Fields.within(f.path(),
                () -> new EntityRule(nets, notNets, selector, notSelector, namespaceSelector, ports, notPorts));
    }

    private static List<Cidr> nets(Fields f, String key) {
        List<Cidr> out = new ArrayList<>();
        for (Fields.Element e : f.list(key)) {
            String text = e.string();
            out.add(Fields.at(e.path(), () -> Cidr.parseCidrOrIp(text)));
        }
        return out;
    }

    /** Calico's {@code numorstring.Port}: a number, {@code "min:max"} or a port name. */
    private static List<Port> ports(Fields f, String key) {
        List<Port> out = new ArrayList<>();
        for (Fields.Element e : f.list(key)) {
            JsonNode v = e.node();
            if (v.isIntegralNumber()) {
                if (!v.canConvertToInt() || v.intValue() < 0 || v.intValue() > 65535) {
                    throw new InvalidResourceException(e.path(), Fields.show(v), "ports must be in 0-65535");
                }
                out.add(Fields.at(e.path(), () -> Port.single(v.intValue())));
            } else if (v.isString()) {
                out.add(Fields.at(e.path(), () -> Port.parse(v.stringValue())));
            } else {
                throw new InvalidResourceException(e.path(), Fields.show(v), "expected a port number, range or name");
            }
        }
        return out;
    }

    /** A selector field: the empty string is the same as absent. */
    private static SelectorExpression selector(Fields f, String key, SelectorExpression absent) {
        String text = f.string(key, "");
        return text.isEmpty() ? absent : SelectorExpression.parseField(f.path(key), text);
    }

    // ---- other kinds --------------------------------------------------------------------------

    private static Profile.Spec profileSpec(Fields f) {
        List<Rule> ingress = rules(f, "ingress");
        List<Rule> egress = rules(f, "egress");
        Map<String, String> labels = f.stringMap("labelsToApply");
        f.finish();
        return Fields.within("spec", () -> new Profile.Spec(ingress, egress, labels));
    }

    private static WorkloadEndpoint.Spec workloadEndpointSpec(Fields f) {
        String orchestrator = f.string("orchestrator", "");
        String workload = f.string("workload", "");
        String node = f.string("node", "");
        String containerId = f.string("containerID", "");
        String pod = f.string("pod", "");
        String endpoint = f.string("endpoint", "");
        String serviceAccount = f.string("serviceAccountName", "");
        List<Cidr> networks = nets(f, "ipNetworks");
        List<IpNat> nats = new ArrayList<>();
        for (Fields.Element e : f.list("ipNATs")) {
            Fields nat = e.fields();
            IpAddress internal = address(nat, "internalIP");
            IpAddress external = address(nat, "externalIP");
            nat.finish();
            nats.add(Fields.within(e.path(), () -> new IpNat(internal, external)));
        }
        String ipv4Gateway = f.string("ipv4Gateway", "");
        String ipv6Gateway = f.string("ipv6Gateway", "");
        List<String> profiles = f.strings("profiles");
        String interfaceName = f.string("interfaceName", "");
        String mac = f.string("mac", "");
        List<EndpointPort> ports = endpointPorts(f, true);
        f.finish(Map.of("allowSpoofedSourcePrefixes", NOT_IMPLEMENTED, "qosControls", NOT_IMPLEMENTED));
        return Fields.within("spec", () -> new WorkloadEndpoint.Spec(orchestrator, workload, node, containerId, pod,
                endpoint, serviceAccount, networks, nats, ipv4Gateway, ipv6Gateway, profiles, interfaceName, mac, ports));
    }

    private static IpAddress address(Fields f, String key) {
        String text = f.string(key, "");
        if (text.isEmpty()) {
            throw new InvalidResourceException(f.path(key), "", "an IP address is required");
        }
        return Fields.at(f.path(key), () -> IpAddress.parse(text));
    }

    private static List<EndpointPort> endpointPorts(Fields f, boolean workload) {
        List<EndpointPort> out = new ArrayList<>();
        for (Fields.Element e : f.list("ports")) {
            Fields p = e.fields();
            String name = p.string("name", "");
            Protocol protocol = protocol(p, "protocol");
            Integer port = p.integer("port");
            if (workload) {
                Integer hostPort = p.integer("hostPort");
                String hostIp = p.string("hostIP", "");
                if (hostPort != null && hostPort != 0 || !hostIp.isEmpty()) {
                    throw new InvalidResourceException(p.path(hostIp.isEmpty() ? "hostPort" : "hostIP"),
                            hostIp.isEmpty() ? hostPort : hostIp, "host ports are " + NOT_IMPLEMENTED);
                }
            }
            p.finish();
            Protocol proto = protocol == null ? Protocol.TCP : protocol;
            int number = port == null ? 0 : port;
            out.add(Fields.within(e.path(), () -> new EndpointPort(name, proto, number)));
        }
        return out;
    }

    private static HostEndpoint.Spec hostEndpointSpec(Fields f) {
        String node = f.string("node", "");
        String interfaceName = f.string("interfaceName", "");
        List<IpAddress> ips = new ArrayList<>();
        for (Fields.Element e : f.list("expectedIPs")) {
            String text = e.string();
            ips.add(Fields.at(e.path(), () -> IpAddress.parse(text)));
        }
        List<String> profiles = f.strings("profiles");
        List<EndpointPort> ports = endpointPorts(f, false);
        f.finish();
        return Fields.within("spec", () -> new HostEndpoint.Spec(node, interfaceName, ips, profiles, ports));
    }

    private static Node.Spec nodeSpec(Fields f) {
        Node.Bgp bgp = null;
        if (f.has("bgp")) {
            Fields b = f.object("bgp");
            JsonNode as = b.raw("asNumber");
            String asNumber;
            if (as == null) {
                asNumber = "";
            } else if (as.isIntegralNumber() && as.canConvertToLong() && as.longValue() >= 0 && as.longValue() <= 4294967295L) {
                asNumber = Long.toString(as.longValue());
            } else if (as.isString() && as.stringValue().matches("[0-9]+(\\.[0-9]+)?")) {
                asNumber = as.stringValue();
            } else {
                throw new InvalidResourceException(b.path("asNumber"), Fields.show(as),
                        "an AS number is 0-4294967295 (or the dotted form x.y)");
            }
            String v4 = b.string("ipv4Address", "");
            String v6 = b.string("ipv6Address", "");
            b.finish(Map.of("ipv4IPIPTunnelAddr", NOT_IMPLEMENTED, "routeReflectorClusterID", NOT_IMPLEMENTED));
            bgp = new Node.Bgp(asNumber, v4, v6);
        } else {
            f.raw("bgp");
        }
        List<Node.Address> addresses = new ArrayList<>();
        for (Fields.Element e : f.list("addresses")) {
            Fields a = e.fields();
            String address = a.string("address", "");
            String type = a.string("type", "");
            a.finish();
            addresses.add(new Node.Address(address, type));
        }
        f.finish(Map.of("ipv4VXLANTunnelAddr", NOT_IMPLEMENTED, "ipv6VXLANTunnelAddr", NOT_IMPLEMENTED,
                "vxlanTunnelMACAddr", NOT_IMPLEMENTED, "vxlanTunnelMACAddrV6", NOT_IMPLEMENTED,
                "orchRefs", NOT_IMPLEMENTED, "wireguard", NOT_IMPLEMENTED));
        Node.Bgp finalBgp = bgp;
        return Fields.within("spec", () -> new Node.Spec(finalBgp, addresses));
    }

    private static IpPool.Spec ipPoolSpec(Fields f) {
        String cidrText = f.string("cidr", "");
        if (cidrText.isEmpty()) {
            throw new InvalidResourceException("spec.cidr", "", "an IP pool needs a cidr");
        }
        Cidr cidr = Fields.at("spec.cidr", () -> Cidr.parse(cidrText));
        String vxlanMode = f.string("vxlanMode", "Never");
        String ipipMode = f.string("ipipMode", "Never");
        boolean natOutgoing = f.bool("natOutgoing");
        boolean disabled = f.bool("disabled");
        Integer blockSize = f.integer("blockSize");
        String nodeSelector = f.string("nodeSelector", "all()");
        if (f.bool("disableBGPExport")) {
            throw new InvalidResourceException("spec.disableBGPExport", true, "Calico/J has no BGP");
        }
        f.finish(Map.of("allowedUses", NOT_IMPLEMENTED, "assignmentMode", NOT_IMPLEMENTED));
        int block = blockSize != null ? blockSize : cidr.version() == 4 ? 26 : 122;
        return Fields.within("spec", () -> new IpPool.Spec(cidr, ipipMode, vxlanMode, natOutgoing, disabled, nodeSelector, block));
    }

    /** Felix settings: every value a single scalar, kept as its text. */
    private static Map<String, String> felixSpec(Fields f) {
        Map<String, String> out = new java.util.TreeMap<>();
        for (String name : f.names()) {
            JsonNode v = f.raw(name);
            if (v == null) {
                continue;
            }
            if (!v.isValueNode()) {
                throw new InvalidResourceException(f.path(name), Fields.show(v),
                        "Calico/J keeps Felix settings as single values; lists and mappings are not supported");
            }
            out.put(name, v.asString());
        }
        return out;
    }
}
