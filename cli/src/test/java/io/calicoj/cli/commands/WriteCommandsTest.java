package io.calicoj.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.cli.CalicoctlRunner;
import io.calicoj.cli.CalicoctlRunner.Result;
import io.calicoj.cli.FakeCalicoClient;
import io.calicoj.cli.Fixtures;
import io.calicoj.model.IpPool;
import io.calicoj.model.ResourceKey;
import io.calicoj.model.ResourceKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** create, apply, replace and delete: Calico's messages, exit codes, and nothing written from a bad file. */
class WriteCommandsTest {

    private static final String HEADER = "apiVersion: projectcalico.org/v3\n";

    @TempDir
    Path dir;

    private final FakeCalicoClient datastore = new FakeCalicoClient()
            .seed(Fixtures.kubernetesPolicy(), Fixtures.calicoPolicy(), Fixtures.installPagePods().get(0));
    private final CalicoctlRunner calicoctl = new CalicoctlRunner(datastore);

    private static String policy(String namespace, String name) {
        return HEADER + "kind: NetworkPolicy\nmetadata:\n  name: " + name + "\n  namespace: " + namespace
                + "\nspec:\n  selector: role == 'db'\n  ingress:\n  - action: Allow\n    source:\n      nets: [10.0.0.0/8]\n";
    }

    private static String pool(String name, String cidr) {
        return HEADER + "kind: IPPool\nmetadata: {name: " + name + "}\nspec: {cidr: " + cidr + "}\n";
    }

    private String file(String... documents) throws IOException {
        Path f = Files.createTempFile(dir, "resources", ".yaml");
        Files.writeString(f, String.join("---\n", documents));
        return f.toString();
    }

    private static Result ok(String out) {
        return new Result(0, out, "");
    }

    private static Result failed(String err) {
        return new Result(1, "", err);
    }

    @Test
    void applyCreatesAndReplacesCalicoPolicies() throws IOException {
        String f = file(policy("default", "allow-web"), policy("default", "new-one"));
        assertThat(calicoctl.run("apply", "-f", f)).isEqualTo(ok("Successfully applied 2 'NetworkPolicy' resource(s)\n"));
        assertThat(datastore.find(ResourceKey.of(ResourceKind.NETWORK_POLICY, "default", "new-one"))).isPresent();
    }

    @Test
    void applyOfAKubernetesNetworkPolicyFailsClearlyAndChangesNothing() throws IOException {
        Map<ResourceKey, ?> before = datastore.snapshot();
        String f = file(policy("ns", "knp.default.x"));
        assertThat(calicoctl.run("apply", "-f", f)).isEqualTo(failed("Failed to apply 'NetworkPolicy' resource:"
                + " operation Apply is not supported on NetworkPolicy(ns/knp.default.x):"
                + " kubernetes network policies must be managed through the kubernetes API\n"));
        assertThat(datastore.snapshot()).isEqualTo(before);
    }

    @Test
    void aFailureAfterSomeWritesIsAPartialSuccessNamingHowManyWereWritten() throws IOException {
        String f = file(policy("default", "first"), policy("default", "knp.default.second"), policy("default", "third"));
        assertThat(calicoctl.run("apply", "-f", f)).isEqualTo(new Result(1,
                "Partial success: applied the first 1 out of 3 'NetworkPolicy' resources:\n",
                "Hit error: operation Apply is not supported on NetworkPolicy(default/knp.default.second):"
                        + " kubernetes network policies must be managed through the kubernetes API\n"));
        assertThat(datastore.find(ResourceKey.of(ResourceKind.NETWORK_POLICY, "default", "first"))).isPresent();
        assertThat(datastore.find(ResourceKey.of(ResourceKind.NETWORK_POLICY, "default", "third"))).isEmpty();
    }

    @Test
    void whenTheFirstOfSeveralFailsNothingWasWritten() throws IOException {
        assertThat(calicoctl.run("create", "-f", file(policy("default", "allow-web"), policy("default", "x"))))
                .isEqualTo(failed("Failed to create any 'NetworkPolicy' resources:"
                        + " resource already exists: NetworkPolicy(default/allow-web)\n"));
        assertThat(calicoctl.run("create", "-f", file(policy("default", "allow-web"), pool("p", "10.9.0.0/16"))))
                .isEqualTo(failed("Failed to create any resources: resource already exists: NetworkPolicy(default/allow-web)\n"));
    }

    @Test
    void mixedKindsAreCountedWithoutAKind() throws IOException {
        assertThat(calicoctl.run("create", "-f", file(policy("default", "x"), pool("p", "10.9.0.0/16"))))
                .isEqualTo(ok("Successfully created 2 resource(s)\n"));
    }

    @Test
    void createWithSkipExistsTreatsExistingResourcesAsCreated() throws IOException {
        String f = file(policy("default", "allow-web"), policy("default", "x"));
        assertThat(calicoctl.run("create", "--skip-exists", "-f", f))
                .isEqualTo(ok("Successfully created 2 'NetworkPolicy' resource(s)\n"));
    }

    @Test
    void replaceNeedsAnExistingResourceAndTheCurrentResourceVersion() throws IOException {
        assertThat(calicoctl.run("replace", "-f", file(pool("p", "10.9.0.0/16"))))
                .isEqualTo(failed("Failed to replace 'IPPool' resource: resource does not exist: IPPool(p)\n"));
        String stale = policy("default", "allow-web").replace("namespace: default", "namespace: default\n  resourceVersion: '1'");
        assertThat(calicoctl.run("replace", "-f", file(stale))).isEqualTo(failed(
                "Failed to replace 'NetworkPolicy' resource: update conflict: NetworkPolicy(default/allow-web):"
                        + " Resource version '1' is out of date (latest: 102). Update the resource YAML/JSON in order to"
                        + " make changes.\n"));
        assertThat(calicoctl.run("replace", "-f", file(policy("default", "allow-web"))))
                .isEqualTo(ok("Successfully replaced 1 'NetworkPolicy' resource(s)\n"));
    }

    @Test
    void deleteByKindAndName() {
        assertThat(calicoctl.run("delete", "policy", "allow-web"))
                .isEqualTo(ok("Successfully deleted 1 'NetworkPolicy' resource(s)\n"));
        assertThat(calicoctl.run("delete", "policy", "allow-web")).isEqualTo(failed(
                "Failed to delete 'NetworkPolicy' resource: resource does not exist: NetworkPolicy(default/allow-web)\n"));
        assertThat(calicoctl.run("delete", "policy", "allow-web", "--skip-not-exists"))
                .isEqualTo(ok("Successfully deleted 1 'NetworkPolicy' resource(s)\n"));
        assertThat(calicoctl.run("delete", "gnp", "g", "-n", "x")).isEqualTo(failed("GlobalNetworkPolicy is not namespaced\n"));
    }

    @Test
    void kubernetesDerivedEndpointsCannotBeDeleted() {
        String name = Fixtures.installPagePods().get(0).metadata().name();
        assertThat(calicoctl.run("delete", "wep", name, "-n", "kube-system")).isEqualTo(failed(
                "Failed to delete 'WorkloadEndpoint' resource: operation Delete is not supported on WorkloadEndpoint(kube-system/"
                        + name + "): workload endpoints are derived from pods and are read-only in the Kubernetes datastore\n"));
    }

    @Test
    void deleteByFile() throws IOException {
        assertThat(calicoctl.run("delete", "-f", file(policy("default", "allow-web"))))
                .isEqualTo(ok("Successfully deleted 1 'NetworkPolicy' resource(s)\n"));
    }

    @Test
    void theNamespaceFlagAppliesToResourcesWithoutOne() throws IOException {
        String f = file(HEADER + "kind: NetworkPolicy\nmetadata: {name: p}\n");
        assertThat(calicoctl.run("create", "-f", f, "-n", "dev")).isEqualTo(ok("Successfully created 1 'NetworkPolicy' resource(s)\n"));
        assertThat(datastore.find(ResourceKey.of(ResourceKind.NETWORK_POLICY, "dev", "p"))).isPresent();
    }

    @Test
    void readsFromStandardInput() {
        assertThat(calicoctl.stdin(pool("p", "10.9.0.0/16")).run("apply", "-f", "-"))
                .isEqualTo(ok("Successfully applied 1 'IPPool' resource(s)\n"));
        assertThat(datastore.find(ResourceKey.of(ResourceKind.IP_POOL, "p"))).get()
                .isInstanceOfSatisfying(IpPool.class, p -> assertThat(p.spec().cidr()).hasToString("10.9.0.0/16"));
    }

    @Test
    void anEmptyOrMissingFileIsAnError() throws IOException {
        assertThat(calicoctl.run("apply", "-f", file("# nothing\n"))).isEqualTo(failed("No resources specified\n"));
        assertThat(calicoctl.run("apply", "-f", "/nonexistent.yaml"))
                .isEqualTo(failed("Failed to execute command: open /nonexistent.yaml: no such file or directory\n"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "invalid YAML|selector: role == 'db'|selector: [role|document 3: invalid YAML at line ",
        "unknown kind|kind: NetworkPolicy|kind: NetworkPolicie|document 3 (NetworkPolicie default/bad): kind: invalid value \"NetworkPolicie\": resource type 'NetworkPolicie' is not supported",
        "bad selector|role == 'db'|role == db'|document 3 (NetworkPolicy default/bad): spec.selector: invalid value \"role == db'\": ",
        "bad CIDR|10.0.0.0/8|10.0.0.0/33|document 3 (NetworkPolicy default/bad): spec.ingress[0].source.nets[0]: invalid value \"10.0.0.0/33\": prefix length must be between 0 and 32",
        "unknown field|    source:|    sources:|document 3 (NetworkPolicy default/bad): spec.ingress[0].sources: invalid value \"{\"nets\":[\"10.0.0.0/8\"]}\": field in document is not recognized or is in the wrong location",
    })
    void aBadDocumentAnywhereInTheFileChangesNothing(String problem, String from, String to, String message)
            throws IOException {
        Map<ResourceKey, ?> before = datastore.snapshot();
        String f = file(policy("default", "good-1"), pool("good-2", "10.8.0.0/16"), policy("default", "bad").replace(from, to));
        for (String command : new String[] {"create", "apply", "replace", "delete"}) {
            Result r = calicoctl.run(command, "-f", f);
            assertThat(r.status()).as(command).isEqualTo(1);
            assertThat(r.out()).as(command).isEmpty();
            assertThat(r.err()).as(command).startsWith("Failed to execute command: " + f + ": " + message);
        }
        assertThat(datastore.writes()).isZero();
        assertThat(datastore.snapshot()).isEqualTo(before);
    }
}
