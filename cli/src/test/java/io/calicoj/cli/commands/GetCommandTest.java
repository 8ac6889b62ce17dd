package io.calicoj.cli.commands;

import static io.calicoj.cli.CalicoctlRunner.golden;
import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.cli.CalicoctlRunner;
import io.calicoj.cli.CalicoctlRunner.Result;
import io.calicoj.cli.FakeCalicoClient;
import io.calicoj.cli.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Golden output of {@code calicoctl get} for every kind and format (ps, wide, custom-columns,
 * yaml, json) against the fake Kubernetes datastore. Table lines end with {@code $} to show their
 * trailing padding.
 */
class GetCommandTest {

    private final FakeCalicoClient datastore = new FakeCalicoClient();
    private final CalicoctlRunner calicoctl = new CalicoctlRunner(datastore);

    GetCommandTest() {
        Fixtures.installPagePods().forEach(datastore::seed);
        datastore.seed(Fixtures.fullEndpoint(), Fixtures.kubernetesPolicy(), Fixtures.calicoPolicy(),
                Fixtures.globalPolicy(), Fixtures.namespaceProfile(), Fixtures.node(), Fixtures.nodeWithAs(),
                Fixtures.hostEndpoint(), Fixtures.ipPool(), Fixtures.felixConfiguration());
    }

    private static Result ok(String out) {
        return new Result(0, out, "");
    }

    private static Result failed(String err) {
        return new Result(1, "", err);
    }

    @Test
    void workloadEndpointsPrintExactlyAsOnTheInstallPage() {
        FakeCalicoClient cluster = new FakeCalicoClient();
        Fixtures.installPagePods().forEach(cluster::seed);
        assertThat(new CalicoctlRunner(cluster).run("get", "workloadendpoints")).isEqualTo(ok(golden("""
                HOSTNAME                       ORCHESTRATOR   WORKLOAD                                        NAME   $
                kubernetes-minion-group-tbmi   k8s            kube-system.kube-dns-v20-jhk10                  eth0   $
                kubernetes-minion-group-x7ce   k8s            kube-system.kubernetes-dashboard-v1.4.0-wtrtm   eth0   $
                $
                """)));
    }

    @Test
    void getByFileFetchesEachResourceItNames(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path f = dir.resolve("r.yaml");
        java.nio.file.Files.writeString(f, """
                apiVersion: projectcalico.org/v3
                kind: IPPool
                metadata: {name: default-ipv4-ippool}
                spec: {cidr: 10.244.0.0/16}
                ---
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: allow-web}
                """);
        assertThat(calicoctl.run("get", "-f", f.toString())).isEqualTo(ok(golden("""
                NAME                  CIDR            SELECTOR   $
                default-ipv4-ippool   10.244.0.0/16   all()      $
                $
                NAME        $
                allow-web   $
                $
                """)));
        assertThat(calicoctl.run("get", "-f", f.toString(), "-o", "yaml").out())
                .startsWith("- apiVersion: projectcalico.org/v3\n  kind: IPPool\n")
                .contains("\n- apiVersion: projectcalico.org/v3\n  kind: NetworkPolicy\n");
    }

    @Test
    void kindNamesAreCaseInsensitive() {
        assertThat(calicoctl.run("get", "WorkloadEndpoints")).isEqualTo(calicoctl.run("get", "wep"));
        assertThat(calicoctl.run("get", "NP")).isEqualTo(calicoctl.run("get", "networkpolicy"));
    }

    @Test
    void twoNamesPrintTwoTables() {
        assertThat(calicoctl.run("get", "np", "allow-web", "knp.default.allow-frontend")).isEqualTo(ok(golden("""
                NAME        $
                allow-web   $
                $
                NAME                         $
                knp.default.allow-frontend   $
                $
                """)));
    }

    @Test
    void twoNamesAsYamlAreASequence() {
        assertThat(calicoctl.run("get", "ippool", "default-ipv4-ippool", "default-ipv4-ippool", "-o", "yaml").out())
                .startsWith("- apiVersion: projectcalico.org/v3\n  kind: IPPool\n");
    }

    @Test
    void aMissingResourceIsReportedAfterTheOthersAndFailsTheCommand() {
        assertThat(calicoctl.run("get", "np", "allow-web", "nope")).isEqualTo(new Result(1, golden("""
                NAME        $
                allow-web   $
                $
                """), "resource does not exist: NetworkPolicy(default/nope)\n"));
        assertThat(calicoctl.run("get", "np", "nope"))
                .isEqualTo(failed("Failed to get resources: resource does not exist: NetworkPolicy(default/nope)\n"));
    }

    @Test
    void anEmptyListingPrintsOnlyTheHeader() {
        assertThat(calicoctl.run("get", "np", "-n", "empty")).isEqualTo(ok(golden("""
                NAMESPACE   NAME   $
                $
                """)));
        assertThat(calicoctl.run("get", "np", "-n", "empty", "-o", "yaml")).isEqualTo(ok("""
                apiVersion: projectcalico.org/v3
                items: []
                kind: NetworkPolicyList
                metadata: {}
                """));
    }

    @Test
    void unknownKindsFormatsAndHeadingsAreErrors() {
        assertThat(calicoctl.run("get", "bgppeers"))
                .isEqualTo(failed("Failed to get resources: resource type 'bgppeers' is not supported\n"));
        assertThat(calicoctl.run("get", "wep", "-o", "xml")).isEqualTo(failed("unrecognized output format 'xml'\n"));
        assertThat(calicoctl.run("get", "wep", "-o", "custom-columns=")).isEqualTo(failed("need to specify at least one column\n"));
        assertThat(calicoctl.run("get", "hep", "-o", "custom-columns=NAME,BOGUS")).isEqualTo(failed(
                "Unknown heading BOGUS, valid values are: NAME, NODE, INTERFACE, IPS, PROFILES\n"));
        assertThat(calicoctl.run("get", "wep", "-o", "go-template={{.}}").err()).contains("not supported by Calico/J");
    }

    @Test
    void namespaceFlagsAreChecked() {
        assertThat(calicoctl.run("get", "np", "-n", "a", "-A"))
                .isEqualTo(failed("cannot use both --namespace and --all-namespaces flags at the same time\n"));
        assertThat(calicoctl.run("get", "nodes", "-A")).isEqualTo(failed("Failed to get resources: Node is not namespaced\n"));
        assertThat(calicoctl.run("get", "np", "allow-web", "-A")).isEqualTo(failed(
                "Failed to get resources: cannot use --all-namespace flag for getting a single resource\n"));
    }

    @Test
    void theDatastoreIsOpenedFromTheEnvironmentWhenTheConfigFileDoesNotExistAndClosed() {
        calicoctl.run("get", "wep", "-c", "/nonexistent/calicoctl.cfg");
        assertThat(calicoctl.configs()).singleElement().satisfies(c -> assertThat(c.source()).isEqualTo("environment"));
        assertThat(datastore.closed()).isTrue();
    }

    @Test
    void workloadEndpointsWideAddNetworksNatsInterfaceAndProfiles() {
        assertThat(calicoctl.run("get", "wep", "-o", "wide")).isEqualTo(ok(golden("""
                HOSTNAME                       ORCHESTRATOR   WORKLOAD                                        NAME   NETWORKS        NATS                   INTERFACE         PROFILES          $
                kubernetes-minion-group-tbmi   k8s            kube-system.kube-dns-v20-jhk10                  eth0   10.244.1.4/32                          cali750cc10f5ac   kns.kube-system   $
                kubernetes-minion-group-x7ce   k8s            kube-system.kubernetes-dashboard-v1.4.0-wtrtm   eth0   10.244.2.3/32                          calia76a7f3dcb2   kns.kube-system   $
                node1                          openstack      vm1                                             tap1   10.0.0.5/32     10.0.0.5<>172.16.0.5   tap1234           default,db        $
                $
                """)));
    }

    @Test
    void allNamespacesPutsANamespaceColumnFirst() {
        assertThat(calicoctl.run("get", "wep", "-A")).isEqualTo(ok(golden("""
                NAMESPACE     HOSTNAME                       ORCHESTRATOR   WORKLOAD                                        NAME   $
                kube-system   kubernetes-minion-group-tbmi   k8s            kube-system.kube-dns-v20-jhk10                  eth0   $
                kube-system   kubernetes-minion-group-x7ce   k8s            kube-system.kubernetes-dashboard-v1.4.0-wtrtm   eth0   $
                ns1           node1                          openstack      vm1                                             tap1   $
                $
                """)));
    }

    @Test
    void aNamespaceArgumentShowsTheNamespaceColumnAndOnlyThatNamespace() {
        assertThat(calicoctl.run("get", "wep", "-n", "ns1")).isEqualTo(ok(golden("""
                NAMESPACE   HOSTNAME   ORCHESTRATOR   WORKLOAD   NAME   $
                ns1         node1      openstack      vm1        tap1   $
                $
                """)));
    }

    @Test
    void customColumnsAcceptNodeForHostnameInAnyCase() {
        assertThat(calicoctl.run("get", "wep", "-o", "custom-columns=node,Workload,MAC")).isEqualTo(ok(golden("""
                NODE                           WORKLOAD                                        MAC                 $
                kubernetes-minion-group-tbmi   kube-system.kube-dns-v20-jhk10                                      $
                kubernetes-minion-group-x7ce   kube-system.kubernetes-dashboard-v1.4.0-wtrtm                       $
                node1                          vm1                                             ee:ee:ee:ee:ee:ee   $
                $
                """)));
    }

    @Test
    void workloadEndpointsAsYamlAreAWorkloadEndpointList() {
        assertThat(calicoctl.run("get", "weps", "-n", "kube-system", "-o", "yaml")).isEqualTo(ok("""
                apiVersion: projectcalico.org/v3
                items:
                - apiVersion: projectcalico.org/v3
                  kind: WorkloadEndpoint
                  metadata:
                    creationTimestamp: null
                    labels:
                      app: kube
                      projectcalico.org/namespace: kube-system
                      projectcalico.org/orchestrator: k8s
                    name: kubernetes--minion--group--tbmi-k8s-kube--dns--v20--jhk10-eth0
                    namespace: kube-system
                    resourceVersion: "7"
                    uid: uid-kube-dns-v20-jhk10
                  spec:
                    endpoint: eth0
                    interfaceName: cali750cc10f5ac
                    ipNetworks:
                    - 10.244.1.4/32
                    node: kubernetes-minion-group-tbmi
                    orchestrator: k8s
                    pod: kube-dns-v20-jhk10
                    ports:
                    - hostIP: ""
                      hostPort: 0
                      name: http
                      port: 8080
                      protocol: TCP
                    profiles:
                    - kns.kube-system
                - apiVersion: projectcalico.org/v3
                  kind: WorkloadEndpoint
                  metadata:
                    creationTimestamp: null
                    labels:
                      app: kubernetes
                      projectcalico.org/namespace: kube-system
                      projectcalico.org/orchestrator: k8s
                    name: kubernetes--minion--group--x7ce-k8s-kubernetes--dashboard--v1.4.0--wtrtm-eth0
                    namespace: kube-system
                    resourceVersion: "7"
                    uid: uid-kubernetes-dashboard-v1.4.0-wtrtm
                  spec:
                    endpoint: eth0
                    interfaceName: calia76a7f3dcb2
                    ipNetworks:
                    - 10.244.2.3/32
                    node: kubernetes-minion-group-x7ce
                    orchestrator: k8s
                    pod: kubernetes-dashboard-v1.4.0-wtrtm
                    ports:
                    - hostIP: ""
                      hostPort: 0
                      name: http
                      port: 8080
                      protocol: TCP
                    profiles:
                    - kns.kube-system
                kind: WorkloadEndpointList
                metadata: {}
                """));
    }

    @Test
    void workloadEndpointsAsJsonKeepCalicosFieldOrder() {
        assertThat(calicoctl.run("get", "workloadendpoint", "-n", "ns1", "-o", "json")).isEqualTo(ok("""
                {
                  "kind": "WorkloadEndpointList",
                  "apiVersion": "projectcalico.org/v3",
                  "metadata": {},
                  "items": [
                    {
                      "kind": "WorkloadEndpoint",
                      "apiVersion": "projectcalico.org/v3",
                      "metadata": {
                        "name": "node1-openstack-vm1-tap1",
                        "namespace": "ns1",
                        "resourceVersion": "101",
                        "creationTimestamp": null,
                        "labels": {
                          "role": "db"
                        }
                      },
                      "spec": {
                        "orchestrator": "openstack",
                        "workload": "vm1",
                        "node": "node1",
                        "containerID": "abc123",
                        "endpoint": "tap1",
                        "ipNetworks": [
                          "10.0.0.5/32"
                        ],
                        "ipNATs": [
                          {
                            "internalIP": "10.0.0.5",
                            "externalIP": "172.16.0.5"
                          }
                        ],
                        "ipv4Gateway": "10.0.0.1",
                        "profiles": [
                          "default",
                          "db"
                        ],
                        "interfaceName": "tap1234",
                        "mac": "ee:ee:ee:ee:ee:ee",
                        "ports": [
                          {
                            "name": "pg",
                            "protocol": "TCP",
                            "port": 5432,
                            "hostPort": 0,
                            "hostIP": ""
                          }
                        ]
                      }
                    }
                  ]
                }
                """));
    }

    @Test
    void networkPoliciesListTheDefaultNamespace() {
        assertThat(calicoctl.run("get", "networkpolicies")).isEqualTo(ok(golden("""
                NAME                         $
                allow-web                    $
                knp.default.allow-frontend   $
                $
                """)));
    }

    @Test
    void networkPoliciesWideShowOrderAndSelector() {
        assertThat(calicoctl.run("get", "policy", "-o", "wide")).isEqualTo(ok(golden("""
                NAME                         ORDER   SELECTOR                                                  $
                allow-web                    100.5   role == 'web'                                             $
                knp.default.allow-frontend   1000    projectcalico.org/orchestrator == 'k8s' && role == 'db'   $
                $
                """)));
    }

    @Test
    void networkPoliciesAcrossNamespacesWide() {
        assertThat(calicoctl.run("get", "np", "-A", "-o", "wide")).isEqualTo(ok(golden("""
                NAMESPACE   NAME                         ORDER   SELECTOR                                                  $
                default     allow-web                    100.5   role == 'web'                                             $
                default     knp.default.allow-frontend   1000    projectcalico.org/orchestrator == 'k8s' && role == 'db'   $
                $
                """)));
    }

    @Test
    void networkPolicyByNameAsYamlIsTheBareObject() {
        assertThat(calicoctl.run("get", "pol", "allow-web", "-o", "yaml")).isEqualTo(ok("""
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata:
                  creationTimestamp: null
                  labels:
                    team: web
                  name: allow-web
                  namespace: default
                  resourceVersion: "103"
                spec:
                  egress:
                  - action: Allow
                    destination:
                      namespaceSelector: name == 'kube-system'
                      ports:
                      - 53
                    protocol: UDP
                    source: {}
                  ingress:
                  - action: Allow
                    destination: {}
                    icmp:
                      code: 0
                      type: 8
                    ipVersion: 4
                    protocol: ICMP
                    source: {}
                  - action: Allow
                    destination:
                      ports:
                      - 80
                      - 8000:8080
                      - https
                    protocol: TCP
                    source:
                      nets:
                      - 10.0.0.0/8
                      notNets:
                      - 10.9.0.0/16
                  - action: Deny
                    destination: {}
                    notProtocol: UDP
                    source:
                      notSelector: '!has(trusted)'
                  order: 100.5
                  selector: role == 'web'
                  tier: default
                  types:
                  - Ingress
                  - Egress
                """));
    }

    @Test
    void networkPolicyByNameAsJson() {
        assertThat(calicoctl.run("get", "np", "knp.default.allow-frontend", "-o", "json")).isEqualTo(ok("""
                {
                  "kind": "NetworkPolicy",
                  "apiVersion": "projectcalico.org/v3",
                  "metadata": {
                    "name": "knp.default.allow-frontend",
                    "namespace": "default",
                    "resourceVersion": "102",
                    "creationTimestamp": null
                  },
                  "spec": {
                    "tier": "default",
                    "order": 1000,
                    "ingress": [
                      {
                        "action": "Allow",
                        "protocol": "TCP",
                        "source": {
                          "selector": "projectcalico.org/orchestrator == 'k8s' \\u0026\\u0026 role == 'frontend'"
                        },
                        "destination": {
                          "ports": [
                            6379
                          ]
                        }
                      }
                    ],
                    "selector": "projectcalico.org/orchestrator == 'k8s' \\u0026\\u0026 role == 'db'",
                    "types": [
                      "Ingress"
                    ]
                  }
                }
                """));
    }

    @Test
    void globalNetworkPolicies() {
        assertThat(calicoctl.run("get", "gnp")).isEqualTo(ok(golden("""
                NAME          $
                deny-egress   $
                $
                """)));
    }

    @Test
    void globalNetworkPoliciesWideShowAMissingOrderAsGoDoes() {
        assertThat(calicoctl.run("get", "gnps", "-o", "wide")).isEqualTo(ok(golden("""
                NAME          ORDER   SELECTOR   $
                deny-egress   <nil>   all()      $
                $
                """)));
    }

    @Test
    void globalNetworkPoliciesAsYaml() {
        assertThat(calicoctl.run("get", "globalnetworkpolicies", "-o", "yaml")).isEqualTo(ok("""
                apiVersion: projectcalico.org/v3
                items:
                - apiVersion: projectcalico.org/v3
                  kind: GlobalNetworkPolicy
                  metadata:
                    creationTimestamp: null
                    name: deny-egress
                    resourceVersion: "104"
                  spec:
                    applyOnForward: true
                    egress:
                    - action: Deny
                      destination: {}
                      protocol: 47
                      source: {}
                    namespaceSelector: env == 'prod'
                    preDNAT: true
                    selector: all()
                    tier: default
                    types:
                    - Egress
                kind: GlobalNetworkPolicyList
                metadata: {}
                """));
    }

    @Test
    void profiles() {
        assertThat(calicoctl.run("get", "profiles")).isEqualTo(ok(golden("""
                NAME              $
                kns.kube-system   $
                $
                """)));
    }

    @Test
    void profilesWideShowSortedLabels() {
        assertThat(calicoctl.run("get", "pro", "-o", "wide")).isEqualTo(ok(golden("""
                NAME              LABELS                                                                                 $
                kns.kube-system   pcns.kubernetes.io/metadata.name=kube-system,pcns.projectcalico.org/name=kube-system   $
                $
                """)));
    }

    @Test
    void profilesAsYaml() {
        assertThat(calicoctl.run("get", "profile", "-o", "yaml")).isEqualTo(ok("""
                apiVersion: projectcalico.org/v3
                items:
                - apiVersion: projectcalico.org/v3
                  kind: Profile
                  metadata:
                    creationTimestamp: null
                    name: kns.kube-system
                    resourceVersion: "5"
                    uid: uid-ks
                  spec:
                    egress:
                    - action: Allow
                      destination: {}
                      source: {}
                    ingress:
                    - action: Allow
                      destination: {}
                      source: {}
                    labelsToApply:
                      pcns.kubernetes.io/metadata.name: kube-system
                      pcns.projectcalico.org/name: kube-system
                kind: ProfileList
                metadata: {}
                """));
    }

    @Test
    void nodes() {
        assertThat(calicoctl.run("get", "nodes")).isEqualTo(ok(golden("""
                NAME                           $
                kubernetes-minion-group-tbmi   $
                kubernetes-minion-group-x7ce   $
                $
                """)));
    }

    @Test
    void nodesWideShowTheInheritedAsNumberInParentheses() {
        assertThat(calicoctl.run("get", "no", "-o", "wide")).isEqualTo(ok(golden("""
                NAME                           ASN       IPV4            IPV6          $
                kubernetes-minion-group-tbmi   (64512)   10.240.0.4/32                 $
                kubernetes-minion-group-x7ce   64513     10.240.0.5/32   fd00::5/128   $
                $
                """)));
    }

    @Test
    void nodesAsYaml() {
        assertThat(calicoctl.run("get", "node", "-o", "yaml")).isEqualTo(ok("""
                apiVersion: projectcalico.org/v3
                items:
                - apiVersion: projectcalico.org/v3
                  kind: Node
                  metadata:
                    creationTimestamp: null
                    name: kubernetes-minion-group-tbmi
                    resourceVersion: "105"
                  spec:
                    addresses:
                    - address: 10.240.0.4
                      type: InternalIP
                    bgp:
                      ipv4Address: 10.240.0.4/32
                - apiVersion: projectcalico.org/v3
                  kind: Node
                  metadata:
                    creationTimestamp: null
                    name: kubernetes-minion-group-x7ce
                    resourceVersion: "106"
                  spec:
                    bgp:
                      asNumber: 64513
                      ipv4Address: 10.240.0.5/32
                      ipv6Address: fd00::5/128
                kind: NodeList
                metadata: {}
                """));
    }

    @Test
    void hostEndpoints() {
        assertThat(calicoctl.run("get", "hostendpoints")).isEqualTo(ok(golden("""
                NAME         NODE    $
                node1-eth0   node1   $
                $
                """)));
    }

    @Test
    void hostEndpointsWide() {
        assertThat(calicoctl.run("get", "hep", "-o", "wide")).isEqualTo(ok(golden("""
                NAME         NODE    INTERFACE   IPS                       PROFILES   $
                node1-eth0   node1   eth0        192.168.0.1,192.168.0.2   ingress    $
                $
                """)));
    }

    @Test
    void hostEndpointsAsJson() {
        assertThat(calicoctl.run("get", "heps", "-o", "json")).isEqualTo(ok("""
                {
                  "kind": "HostEndpointList",
                  "apiVersion": "projectcalico.org/v3",
                  "metadata": {},
                  "items": [
                    {
                      "kind": "HostEndpoint",
                      "apiVersion": "projectcalico.org/v3",
                      "metadata": {
                        "name": "node1-eth0",
                        "resourceVersion": "107",
                        "creationTimestamp": null,
                        "labels": {
                          "role": "ingress"
                        }
                      },
                      "spec": {
                        "node": "node1",
                        "interfaceName": "eth0",
                        "expectedIPs": [
                          "192.168.0.1",
                          "192.168.0.2"
                        ],
                        "profiles": [
                          "ingress"
                        ],
                        "ports": [
                          {
                            "name": "ssh",
                            "protocol": "TCP",
                            "port": 22
                          }
                        ]
                      }
                    }
                  ]
                }
                """));
    }

    @Test
    void ipPools() {
        assertThat(calicoctl.run("get", "ippools")).isEqualTo(ok(golden("""
                NAME                  CIDR            SELECTOR   $
                default-ipv4-ippool   10.244.0.0/16   all()      $
                $
                """)));
    }

    @Test
    void ipPoolsWide() {
        assertThat(calicoctl.run("get", "pools", "-o", "wide")).isEqualTo(ok(golden("""
                NAME                  CIDR            NAT    IPIPMODE   VXLANMODE     DISABLED   DISABLEBGPEXPORT   SELECTOR   $
                default-ipv4-ippool   10.244.0.0/16   true   Never      CrossSubnet   false      false              all()      $
                $
                """)));
    }

    @Test
    void ipPoolsAsYaml() {
        assertThat(calicoctl.run("get", "ipp", "-o", "yaml")).isEqualTo(ok("""
                apiVersion: projectcalico.org/v3
                items:
                - apiVersion: projectcalico.org/v3
                  kind: IPPool
                  metadata:
                    creationTimestamp: null
                    name: default-ipv4-ippool
                    resourceVersion: "108"
                  spec:
                    blockSize: 26
                    cidr: 10.244.0.0/16
                    ipipMode: Never
                    natOutgoing: true
                    nodeSelector: all()
                    vxlanMode: CrossSubnet
                kind: IPPoolList
                metadata: {}
                """));
    }

    @Test
    void felixConfigurations() {
        assertThat(calicoctl.run("get", "felixconfigurations")).isEqualTo(ok(golden("""
                NAME      $
                default   $
                $
                """)));
    }

    @Test
    void felixConfigurationsAsYamlTypeTheirValues() {
        assertThat(calicoctl.run("get", "felixconfig", "-o", "yaml")).isEqualTo(ok("""
                apiVersion: projectcalico.org/v3
                items:
                - apiVersion: projectcalico.org/v3
                  kind: FelixConfiguration
                  metadata:
                    creationTimestamp: null
                    name: default
                    resourceVersion: "109"
                  spec:
                    bpfEnabled: false
                    healthPort: 9099
                    logSeverityScreen: Info
                    reportingInterval: 0s
                kind: FelixConfigurationList
                metadata: {}
                """));
    }

}
