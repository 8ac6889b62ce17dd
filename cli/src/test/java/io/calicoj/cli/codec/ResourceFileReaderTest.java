package io.calicoj.cli.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calicoj.model.GlobalNetworkPolicy;
import io.calicoj.model.IpPool;
import io.calicoj.model.NetworkPolicy;
import io.calicoj.model.Protocol;
import io.calicoj.model.Resource;
import io.calicoj.model.Rule;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceFileReaderTest {

    private static final String POLICY = """
            apiVersion: projectcalico.org/v3
            kind: NetworkPolicy
            metadata:
              name: allow-tcp-6379
              namespace: production
            spec:
              selector: role == 'database'
              types:
              - Ingress
              - Egress
              ingress:
              - action: Allow
                protocol: TCP
                source:
                  selector: role == 'frontend'
                  nets: [10.0.0.0/8, 192.168.1.7]
                destination:
                  ports:
                  - 6379
                  - "8000:8080"
                  - redis
              egress:
              - action: Allow
                protocol: 17
                icmp: null
            """;

    private static List<Resource> read(String text) throws ResourceFileException {
        return ResourceFileReader.read("policy.yaml", text, "");
    }

    private static String error(String text) {
        try {
            read(text);
        } catch (ResourceFileException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error for:\n" + text);
    }

    @Test
    void readsCalicosPolicyExample() throws Exception {
        NetworkPolicy np = (NetworkPolicy) read(POLICY).get(0);
        assertThat(np.key().toString()).isEqualTo("NetworkPolicy(production/allow-tcp-6379)");
        Rule in = np.spec().ingress().get(0);
        assertThat(in.protocol()).isEqualTo(Protocol.TCP);
        assertThat(in.source().nets()).hasToString("[10.0.0.0/8, 192.168.1.7/32]");
        assertThat(in.destination().ports()).hasToString("[6379, 8000:8080, redis]");
        assertThat(np.spec().egress().get(0).protocol()).isEqualTo(Protocol.UDP);
    }

    @Test
    void readsMultipleDocumentsListsAndSequences() throws Exception {
        String pool = """
                apiVersion: projectcalico.org/v3
                kind: IPPool
                metadata: {name: p1}
                spec: {cidr: 10.1.0.0/16}
                """;
        String text = POLICY + "---\n" + pool + "---\n"
                + "apiVersion: projectcalico.org/v3\nkind: IPPoolList\nitems:\n- " + pool.replace("\n", "\n  ") + "\n"
                + "---\n- " + pool.replace("\n", "\n  ") + "\n---\n";
        List<Resource> resources = read(text);
        assertThat(resources).hasSize(4);
        assertThat(resources.get(1)).isInstanceOf(IpPool.class).isEqualTo(resources.get(2)).isEqualTo(resources.get(3));
        IpPool p = (IpPool) resources.get(1);
        assertThat(p.spec().blockSize()).isEqualTo(26);
        assertThat(p.spec().ipipMode()).isEqualTo("Never");
        assertThat(p.spec().nodeSelector()).isEqualTo("all()");
    }

    @Test
    void readsJsonIncludingSeveralConcatenatedValues() throws Exception {
        String one = "{\"apiVersion\":\"projectcalico.org/v3\",\"kind\":\"GlobalNetworkPolicy\","
                + "\"metadata\":{\"name\":\"g\"},\"spec\":{\"order\":5,\"selector\":\"all()\",\"preDNAT\":true,"
                + "\"applyOnForward\":true,\"ingress\":[{\"action\":\"Deny\"}]}}";
        List<Resource> resources = ResourceFileReader.read("g.json", one + "\n" + one, "");
        assertThat(resources).hasSize(2);
        assertThat(((GlobalNetworkPolicy) resources.get(0)).spec().preDnat()).isTrue();
    }

    @Test
    void namespacedResourcesDefaultToTheClientNamespaceThenDefault() throws Exception {
        String np = "apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: a}\n";
        assertThat(ResourceFileReader.read("f", np, "").get(0).metadata().namespace()).isEqualTo("default");
        assertThat(ResourceFileReader.read("f", np, "dev").get(0).metadata().namespace()).isEqualTo("dev");
        assertThatThrownBy(() -> ResourceFileReader.read("f", POLICY, "dev"))
                .hasMessage("f: document 1 (NetworkPolicy production/allow-tcp-6379): metadata.namespace: invalid value"
                        + " \"production\": resource namespace does not match client namespace. production != dev");
    }

    @Test
    void aNamespaceOnAClusterScopedKindIsAnError() {
        assertThat(error("apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata: {name: g, namespace: x}\n"))
                .isEqualTo("policy.yaml: document 1 (GlobalNetworkPolicy x/g): metadata.namespace: invalid value \"x\":"
                        + " namespace should not be specified for a non-namespaced resource."
                        + " GlobalNetworkPolicy is not a namespaced resource");
    }

    @Test
    void invalidYamlNamesTheDocumentAndLine() {
        assertThat(error(POLICY + "---\nkind: [unclosed\n"))
                .isEqualTo("policy.yaml: document 2: invalid YAML at line 27, column 16: while parsing a flow sequence:"
                        + " expected ',' or ']', but got <stream end>");
    }

    @Test
    void invalidJsonNamesTheDocument() {
        assertThat(ResourceFileReaderTest.errorOf("x.json", "{\"kind\": }"))
                .startsWith("x.json: document 1: invalid JSON at line 1, column 10: ");
    }

    @Test
    void anUnknownKindNamesTheDocumentAndListsTheKnownKinds() {
        assertThat(error(POLICY + "---\napiVersion: projectcalico.org/v3\nkind: BGPPeer\nmetadata: {name: peer1}\n"))
                .isEqualTo("policy.yaml: document 2 (BGPPeer peer1): kind: invalid value \"BGPPeer\": resource type"
                        + " 'BGPPeer' is not supported (supported: NetworkPolicy, GlobalNetworkPolicy, Profile,"
                        + " WorkloadEndpoint, HostEndpoint, Node, IPPool, FelixConfiguration)");
    }

    @Test
    void aBadSelectorNamesItsFieldAndValue() {
        assertThat(error(POLICY.replace("role == 'frontend'", "role === 'frontend'")))
                .startsWith("policy.yaml: document 1 (NetworkPolicy production/allow-tcp-6379):"
                        + " spec.ingress[0].source.selector: invalid value \"role === 'frontend'\": ");
    }

    @Test
    void aBadCidrNamesItsFieldAndValue() {
        assertThat(error(POLICY.replace("192.168.1.7", "192.168.1.300/24")))
                .isEqualTo("policy.yaml: document 1 (NetworkPolicy production/allow-tcp-6379):"
                        + " spec.ingress[0].source.nets[1]: invalid value \"192.168.1.300/24\":"
                        + " not a CIDR: the address part is not an IP address");
    }

    @Test
    void anUnknownFieldNamesItsPathAndValue() {
        assertThat(error(POLICY.replace("    protocol: TCP", "    protocl: TCP")))
                .isEqualTo("policy.yaml: document 1 (NetworkPolicy production/allow-tcp-6379):"
                        + " spec.ingress[0].protocl: invalid value \"TCP\":"
                        + " field in document is not recognized or is in the wrong location");
    }

    @Test
    void aMisplacedFieldIsUnknownWhereItIs() {
        assertThat(error(POLICY.replace("  selector: role == 'database'", "  selector: role == 'database'\n  ports: [80]")))
                .contains("spec.ports: invalid value \"[80]\": field in document is not recognized");
    }

    @Test
    void anErrorInAListItemNamesTheItem() {
        String text = """
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicyList
                items:
                - apiVersion: projectcalico.org/v3
                  kind: NetworkPolicy
                  metadata: {name: ok}
                - apiVersion: projectcalico.org/v3
                  kind: NetworkPolicy
                  metadata: {name: bad, namespace: ns}
                  spec: {order: high}
                """;
        assertThat(error(text)).isEqualTo("policy.yaml: document 1, items[1] (NetworkPolicy ns/bad): spec.order:"
                + " invalid value \"high\": expected a number");
    }

    @Test
    void portsMustBeUsedWithTcpUdpOrSctp() {
        assertThat(error(POLICY.replace("    protocol: TCP\n", "")))
                .contains("spec.ingress[0].destination.ports: invalid value \"[6379, 8000:8080, redis]\":"
                        + " rules that specify ports must set protocol to TCP or UDP or SCTP");
    }

    @Test
    void badValuesOfTypedFieldsNameFieldAndValue() {
        assertThat(error(POLICY.replace("protocol: 17", "protocol: GRE"))).contains(
                "spec.egress[0].protocol: invalid value \"GRE\": must be one of TCP, UDP, ICMP, ICMPv6, SCTP, UDPLite"
                        + " or a number 1-255");
        assertThat(error(POLICY.replace("action: Allow\n    protocol: 17", "action: Accept\n    protocol: 17")))
                .contains("spec.egress[0].action: invalid value \"Accept\": must be one of Allow, Deny, Log, Pass");
        assertThat(error(POLICY.replace("  - Egress", "  - Sideways")))
                .contains("spec.types[1]: invalid value \"Sideways\": must be Ingress or Egress");
        assertThat(error(POLICY.replace("- 6379", "- 70000"))).contains(
                "spec.ingress[0].destination.ports[0]: invalid value \"70000\": ports must be in 0-65535");
        assertThat(error(POLICY.replace("icmp: null", "icmp: {type: 300}"))).contains(
                "spec.egress[0].icmp.type: invalid value \"300\": ICMP type must be between 0 and 254");
    }

    @Test
    void calicoFieldsCalicoJDoesNotImplementSaySo() {
        assertThat(error(POLICY.replace("    protocol: TCP", "    protocol: TCP\n    http: {methods: [GET]}")))
                .contains("spec.ingress[0].http: invalid value \"{\"methods\":[\"GET\"]}\": application-layer (HTTP) rules");
    }

    @Test
    void calicoV2ResourcesAreRejectedWithAHint() {
        assertThat(error("apiVersion: v1\nkind: policy\nmetadata: {name: p}\n")).isEqualTo(
                "policy.yaml: document 1 (policy p): apiVersion: invalid value \"v1\": Calico v2 (apiVersion v1)"
                        + " resources are not supported; write them as projectcalico.org/v3");
    }

    @Test
    void duplicateKeysAreAnError() {
        assertThat(error(POLICY.replace("  selector: role == 'database'",
                "  selector: role == 'database'\n  selector: all()"))).contains("invalid YAML").contains("selector");
    }

    @Test
    void emptyDocumentsAreSkippedButCountedInIndexes() {
        assertThat(error("---\n---\napiVersion: projectcalico.org/v3\nkind: Nope\nmetadata: {name: n}\n"))
                .startsWith("policy.yaml: document 2 (Nope n): kind:");
    }

    @Test
    void aResourceNeedsANameAndAKind() {
        assertThat(error("apiVersion: projectcalico.org/v3\nkind: IPPool\nspec: {cidr: 10.0.0.0/8}\n"))
                .contains("document 1 (IPPool): metadata.name: invalid value \"\": a resource needs a name");
        assertThat(error("apiVersion: projectcalico.org/v3\nmetadata: {name: x}\n"))
                .contains("document 1 (x): kind: invalid value \"\": a resource needs a kind");
    }

    private static String errorOf(String source, String text) {
        try {
            ResourceFileReader.read(source, text, "");
        } catch (ResourceFileException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error");
    }
}
