package io.calicoj.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.agent.config.FelixConfigLoader;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** deploy/calico.yaml, parsed with fabric8: the objects, the containers, and RBAC without wildcards. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CalicoManifestTest {

    private static final String VERSION = System.getProperty("calicoj.version", "0.1.0-SNAPSHOT");
    /** The placeholders install-cni fills in (io.calicoj.cni.install.NetworkConfig). */
    private static final List<String> INSTALL_CNI_PLACEHOLDERS = List.of("__KUBERNETES_SERVICE_HOST__",
            "__KUBERNETES_SERVICE_PORT__", "__KUBERNETES_NODE_NAME__", "__KUBECONFIG_FILENAME__", "__KUBECONFIG_FILEPATH__",
            "__SERVICEACCOUNT_TOKEN__", "__CNI_MTU__", "__ETCD_ENDPOINTS__", "__ETCD_KEY_FILE__", "__ETCD_CERT_FILE__",
            "__ETCD_CA_CERT_FILE__");

    private List<HasMetadata> objects;
    private DaemonSet ds;
    private PodSpec pod;

    @BeforeAll
    void load() throws Exception {
        objects = Manifests.load(Manifests.calicoYaml());
        ds = Manifests.one(objects, DaemonSet.class, "calico-node");
        pod = ds.getSpec().getTemplate().getSpec();
    }

    private Container container(String name) {
        return Manifests.container(ds, name);
    }

    private static Map<String, EnvVar> env(Container c) {
        Map<String, EnvVar> out = new LinkedHashMap<>();
        c.getEnv().forEach(e -> out.put(e.getName(), e));
        return out;
    }

    private static Map<String, String> literalEnv(Container c) {
        return c.getEnv().stream().filter(e -> e.getValueFrom() == null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue, (a, b) -> b, LinkedHashMap::new));
    }

    @Test
    void theInstallIsAConfigMapAServiceAccountItsRoleAndBindingAndTheDaemonSetAllCalledAsCalicoNames() {
        assertThat(objects).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).containsExactly(
                "ConfigMap/calico-config", "ServiceAccount/calico-node", "ClusterRole/calico-node",
                "ClusterRoleBinding/calico-node", "DaemonSet/calico-node");
        objects.stream().filter(o -> !(o instanceof ClusterRole || o instanceof ClusterRoleBinding))
                .forEach(o -> assertThat(o.getMetadata().getNamespace()).as(o.getKind()).isEqualTo("kube-system"));
        assertThat(ds.getApiVersion()).isEqualTo("apps/v1");
    }

    @Test
    void everyFieldIsOneTheKubernetesModelKnows() {
        for (HasMetadata o : objects) {
            assertThat(Manifests.unknownFields(o)).as(o.getKind() + " " + o.getMetadata().getName()).isEmpty();
        }
    }

    @Test
    void theCniConfigurationIsAConflistForTheCalicoPluginWithHostLocalOnTheNodesPodCidr() throws Exception {
        ConfigMap cm = Manifests.one(objects, ConfigMap.class, "calico-config");
        String template = cm.getData().get("cni_network_config");
        Matcher placeholders = Pattern.compile("__[A-Z_]+__").matcher(template);
        while (placeholders.find()) {
            assertThat(INSTALL_CNI_PLACEHOLDERS).as("placeholder install-cni fills in").contains(placeholders.group());
        }
        assertThat(template).as("the token goes into calico-kubeconfig only").doesNotContain("__SERVICEACCOUNT_TOKEN__")
                .doesNotContain("k8s_auth_token");
        assertThat(cm.getData().get("veth_mtu")).matches("[0-9]+");

        String rendered = template.replace("__KUBERNETES_NODE_NAME__", "node-1").replace("__CNI_MTU__", cm.getData().get("veth_mtu"))
                .replace("__KUBECONFIG_FILEPATH__", "/etc/cni/net.d/calico-kubeconfig");
        JsonNode conf = JsonMapper.builder().build().readTree(rendered);
        assertThat(conf.path("name").asString()).matches("[a-zA-Z0-9][a-zA-Z0-9_.\\-]*");
        assertThat(conf.path("cniVersion").asString()).isIn("0.3.1", "0.4.0", "1.0.0");
        assertThat(conf.path("plugins").size()).isEqualTo(1);
        JsonNode calico = conf.path("plugins").path(0);
        assertThat(calico.path("type").asString()).isEqualTo("calico");
        assertThat(calico.path("datastore_type").asString()).isEqualTo("kubernetes");
        assertThat(calico.path("nodename").asString()).isEqualTo("node-1");
        assertThat(calico.path("mtu").asInt()).isEqualTo(1500);
        assertThat(calico.path("log_level").asString()).isEqualTo("info");
        assertThat(calico.path("kubernetes").path("kubeconfig").asString()).isEqualTo("/etc/cni/net.d/calico-kubeconfig");
        assertThat(calico.path("policy").path("type").asString()).isEqualTo("k8s");
        assertThat(calico.path("ipam").path("type").asString()).isEqualTo("host-local");
        assertThat(calico.path("ipam").path("subnet").asString()).isEqualTo("usePodCidr");

        String confName = literalEnv(container("install-cni")).get("CNI_CONF_NAME");
        assertThat(confName).as("a conflist is installed as .conflist").isEqualTo("10-calico.conflist");
    }

    @Test
    void theDaemonSetRunsOnEveryNodeInTheHostNetworkAsCalicoNodeWithNodeCriticalPriority() {
        assertThat(ds.getSpec().getSelector().getMatchLabels()).isEqualTo(Map.of("k8s-app", "calico-node"));
        assertThat(ds.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(ds.getSpec().getSelector().getMatchLabels());
        assertThat(pod.getHostNetwork()).isTrue();
        assertThat(pod.getTolerations()).as("every taint tolerated").singleElement().satisfies((Toleration t) -> {
            assertThat(t.getOperator()).isEqualTo("Exists");
            assertThat(t.getKey()).isNull();
            assertThat(t.getEffect()).isNull();
        });
        assertThat(pod.getServiceAccountName()).isEqualTo("calico-node");
        assertThat(pod.getPriorityClassName()).isEqualTo("system-node-critical");
        assertThat(pod.getContainers()).extracting(Container::getName).containsExactly("calico-node", "install-cni");
        assertThat(pod.getInitContainers()).isEmpty();
        ServiceAccount sa = Manifests.one(objects, ServiceAccount.class, "calico-node");
        assertThat(sa.getMetadata().getNamespace()).isEqualTo("kube-system");
    }

    @Test
    void calicoNodeRunsFelixPrivilegedOnTheKubernetesDatastoreWithFelixsSettings() {
        Container c = container("calico-node");
        assertThat(c.getImage()).isEqualTo("calicoj/calico-node:" + VERSION);
        assertThat(c.getCommand()).containsExactly("/opt/calicoj/bin/calico-felix");
        assertThat(c.getSecurityContext().getPrivileged()).isTrue();
        assertThat(literalEnv(c)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "DATASTORE_TYPE", "kubernetes",
                "FELIX_DEFAULTENDPOINTTOHOSTACTION", "ACCEPT",
                "FELIX_IPV6SUPPORT", "false",
                "FELIX_LOGSEVERITYSCREEN", "info",
                "FELIX_HEALTHENABLED", "true",
                "FELIX_HEALTHHOST", "127.0.0.1",
                "FELIX_HEALTHPORT", "9099"));
        EnvVar hostname = env(c).get("FELIX_FELIXHOSTNAME");
        assertThat(hostname.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("spec.nodeName");
    }

    @Test
    void everyFelixSettingIsAParameterFelixKnowsWithAValueItAccepts() {
        Map<String, String> felixEnv = new LinkedHashMap<>(literalEnv(container("calico-node")));
        felixEnv.put("FELIX_FELIXHOSTNAME", "node-1");
        FelixConfigLoader.Loaded loaded = FelixConfigLoader.load(felixEnv, null, "ignored");
        assertThat(loaded.warnings()).isEmpty();
        assertThat(loaded.config().felixHostname()).isEqualTo("node-1");
        assertThat(loaded.config().healthEnabled()).isTrue();
        assertThat(loaded.config().healthHost()).isEqualTo("127.0.0.1");
        assertThat(loaded.config().healthPort()).isEqualTo(9099);
    }

    @Test
    void livenessAndReadinessAskFelixsHealthPortOnTheNodesLoopbackAsCalicoV26Does() {
        Container c = container("calico-node");
        Probe live = c.getLivenessProbe();
        Probe ready = c.getReadinessProbe();
        assertThat(get(live)).extracting(HTTPGetAction::getHost, HTTPGetAction::getPath, a -> a.getPort().getIntVal())
                .containsExactly("127.0.0.1", "/liveness", 9099);
        assertThat(get(ready)).extracting(HTTPGetAction::getHost, HTTPGetAction::getPath, a -> a.getPort().getIntVal())
                .containsExactly("127.0.0.1", "/readiness", 9099);
        assertThat(live).extracting(Probe::getPeriodSeconds, Probe::getInitialDelaySeconds, Probe::getFailureThreshold)
                .containsExactly(10, 10, 6);
        assertThat(ready.getPeriodSeconds()).isEqualTo(10);
        Map<String, String> e = literalEnv(c);
        assertThat(get(live).getHost()).isEqualTo(e.get("FELIX_HEALTHHOST"));
        assertThat(get(live).getPort().getIntVal()).isEqualTo(Integer.parseInt(e.get("FELIX_HEALTHPORT")));
    }

    private static HTTPGetAction get(Probe p) {
        assertThat(p).isNotNull();
        assertThat(p.getExec()).isNull();
        return p.getHttpGet();
    }

    @Test
    void calicoNodeMountsTheXtablesLockKernelModulesReadOnlyAndVarRunCalico() {
        Map<String, String> mounts = hostMounts(container("calico-node"));
        assertThat(mounts).containsExactlyInAnyOrderEntriesOf(Map.of(
                "/lib/modules", "/lib/modules (ro)",
                "/run/xtables.lock", "/run/xtables.lock FileOrCreate",
                "/var/run/calico", "/var/run/calico DirectoryOrCreate"));
    }

    @Test
    void installCniGetsTheConfigMapsNetworkConfigAndTheNodesCniDirectoriesAndNoPrivilege() {
        Container c = container("install-cni");
        assertThat(c.getImage()).isEqualTo("calicoj/calico-cni:" + VERSION);
        assertThat(c.getCommand()).containsExactly("/opt/calicoj/bin/install-cni");
        Map<String, EnvVar> e = env(c);
        assertThat(e).containsOnlyKeys("CNI_CONF_NAME", "CNI_NETWORK_CONFIG", "CNI_MTU", "KUBERNETES_NODE_NAME");
        assertThat(e.get("CNI_NETWORK_CONFIG").getValueFrom().getConfigMapKeyRef())
                .extracting("name", "key").containsExactly("calico-config", "cni_network_config");
        assertThat(e.get("CNI_MTU").getValueFrom().getConfigMapKeyRef())
                .extracting("name", "key").containsExactly("calico-config", "veth_mtu");
        assertThat(e.get("KUBERNETES_NODE_NAME").getValueFrom().getFieldRef().getFieldPath()).isEqualTo("spec.nodeName");
        assertThat(hostMounts(c)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "/host/opt/cni/bin", "/opt/cni/bin DirectoryOrCreate",
                "/host/etc/cni/net.d", "/etc/cni/net.d DirectoryOrCreate"));
        assertThat(c.getSecurityContext().getPrivileged()).isNotEqualTo(Boolean.TRUE);
        assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(c.getSecurityContext().getCapabilities().getAdd()).isEmpty();
    }

    @Test
    void noSecretIsMountedOrPassedAndEveryVolumeIsUsed() {
        for (Volume v : pod.getVolumes()) {
            assertThat(v.getSecret()).as(v.getName()).isNull();
            assertThat(v.getHostPath()).as(v.getName() + " is a host directory").isNotNull();
        }
        List<String> mounted = pod.getContainers().stream().flatMap(c -> c.getVolumeMounts().stream())
                .map(VolumeMount::getName).toList();
        assertThat(pod.getVolumes()).extracting(Volume::getName).containsExactlyInAnyOrderElementsOf(mounted.stream().distinct().toList());
        for (Container c : pod.getContainers()) {
            assertThat(c.getEnvFrom()).isEmpty();
            for (EnvVar e : c.getEnv()) {
                assertThat(e.getValueFrom() == null || e.getValueFrom().getSecretKeyRef() == null).as(e.getName()).isTrue();
                assertThat(e.getName()).doesNotContainIgnoringCase("token").doesNotContainIgnoringCase("password");
            }
        }
    }

    /** mount path → host path, with (ro) or the hostPath type. */
    private Map<String, String> hostMounts(Container c) {
        Map<String, Volume> volumes = pod.getVolumes().stream().collect(Collectors.toMap(Volume::getName, v -> v));
        Map<String, String> out = new LinkedHashMap<>();
        for (VolumeMount m : c.getVolumeMounts()) {
            Volume v = volumes.get(m.getName());
            assertThat(v).as("volume " + m.getName()).isNotNull();
            String type = v.getHostPath().getType();
            out.put(m.getMountPath(), v.getHostPath().getPath()
                    + (Boolean.TRUE.equals(m.getReadOnly()) ? " (ro)" : "") + (type == null || type.isEmpty() ? "" : " " + type));
        }
        return out;
    }

    @Test
    void theClusterRoleGrantsExactlyTheReadsOfFelixAndThePodPatchAndGetsOfTheCniPluginWithoutWildcards() {
        ClusterRole role = Manifests.one(objects, ClusterRole.class, "calico-node");
        RoleRules rules = new RoleRules(role);
        assertThat(rules.allStrings()).as("no wildcard").noneMatch(s -> s.contains("*"));
        assertThat(role.getRules()).allSatisfy(r -> {
            assertThat(r.getResourceNames()).isEmpty();
            assertThat(r.getNonResourceURLs()).isEmpty();
        });
        assertThat(rules.grants()).containsExactlyInAnyOrder(
                ApiCall.resource("", "pods", "get"), ApiCall.resource("", "pods", "list"),
                ApiCall.resource("", "pods", "watch"), ApiCall.resource("", "pods", "patch"),
                ApiCall.resource("", "namespaces", "list"), ApiCall.resource("", "namespaces", "watch"),
                ApiCall.resource("", "nodes", "get"), ApiCall.resource("", "nodes", "list"), ApiCall.resource("", "nodes", "watch"),
                ApiCall.resource("networking.k8s.io", "networkpolicies", "list"),
                ApiCall.resource("networking.k8s.io", "networkpolicies", "watch"));
        assertThat(rules.grants().stream().filter(ApiCall::isWrite)).containsExactly(ApiCall.resource("", "pods", "patch"));
    }

    @Test
    void theBindingGivesTheRoleToTheDaemonSetsServiceAccount() {
        ClusterRoleBinding b = Manifests.one(objects, ClusterRoleBinding.class, "calico-node");
        assertThat(b.getRoleRef().getKind()).isEqualTo("ClusterRole");
        assertThat(b.getRoleRef().getName()).isEqualTo("calico-node");
        assertThat(b.getRoleRef().getApiGroup()).isEqualTo("rbac.authorization.k8s.io");
        assertThat(b.getSubjects()).singleElement().satisfies(s -> {
            assertThat(s.getKind()).isEqualTo("ServiceAccount");
            assertThat(s.getName()).isEqualTo(pod.getServiceAccountName());
            assertThat(s.getNamespace()).isEqualTo(ds.getMetadata().getNamespace());
        });
    }
}
