package io.calicoj.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiCallTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "GET    | /api/v1/pods                                               | list pods",
        "GET    | /api/v1/pods?resourceVersion=0                             | list pods",
        "GET    | /api/v1/pods?allowWatchBookmarks=true&watch=true           | watch pods",
        "GET    | /api/v1/pods?watch=1                                       | watch pods",
        "GET    | /api/v1/watch/pods                                         | watch pods",
        "GET    | /api/v1/namespaces                                         | list namespaces",
        "GET    | /api/v1/namespaces/default                                 | get namespaces",
        "GET    | /api/v1/namespaces/default/status                          | get namespaces/status",
        "PUT    | /api/v1/namespaces/default/finalize                        | update namespaces/finalize",
        "GET    | /api/v1/namespaces/default/pods                            | list pods",
        "GET    | /api/v1/namespaces/default/pods?fieldSelector=metadata.name%3Dweb&watch=true | watch pods",
        "GET    | /api/v1/namespaces/default/pods/web                        | get pods",
        "PATCH  | /api/v1/namespaces/default/pods/web                        | patch pods",
        "PATCH  | /api/v1/namespaces/default/pods/web/status                 | patch pods/status",
        "PUT    | /api/v1/namespaces/default/pods/web/status                 | update pods/status",
        "POST   | /api/v1/namespaces/default/pods                            | create pods",
        "POST   | /api/v1/namespaces/default/pods/web/eviction               | create pods/eviction",
        "DELETE | /api/v1/namespaces/default/pods/web                        | delete pods",
        "DELETE | /api/v1/namespaces/default/pods                            | deletecollection pods",
        "GET    | /api/v1/nodes/node-1                                       | get nodes",
        "GET    | /apis/networking.k8s.io/v1/networkpolicies?watch=true      | watch networking.k8s.io/networkpolicies",
        "GET    | /apis/networking.k8s.io/v1/namespaces/a/networkpolicies/np | get networking.k8s.io/networkpolicies",
        "GET    | /api                                                       | get /api",
        "GET    | /apis/networking.k8s.io/v1                                 | get /apis/networking.k8s.io/v1",
        "GET    | /version?timeout=32s                                       | get /version",
    })
    void requestsMapToTheVerbAndResourceTheApiServerAuthorizes(String method, String target, String expected) {
        assertThat(ApiCall.of(method, target)).hasToString(expected);
    }

    @Test
    void writesAreCreateUpdatePatchAndDeletes() {
        assertThat(ApiCall.of("PATCH", "/api/v1/namespaces/a/pods/p").isWrite()).isTrue();
        assertThat(ApiCall.of("DELETE", "/api/v1/namespaces/a/pods").isWrite()).isTrue();
        assertThat(ApiCall.of("GET", "/api/v1/pods?watch=true").isWrite()).isFalse();
    }

    @Test
    void aRuleAllowsOnlyItsGroupResourceAndVerbsAndASubresourceNeedsItsOwnName() {
        RoleRules rules = new RoleRules(new ClusterRoleBuilder().addNewRule().withApiGroups("").withResources("pods")
                .withVerbs("get", "patch").endRule()
                .addNewRule().withApiGroups("networking.k8s.io").withResources("networkpolicies").withVerbs("list").endRule()
                .addNewRule().withNonResourceURLs("/apis/*").withVerbs("get").endRule().build());
        assertThat(rules.allows(ApiCall.of("PATCH", "/api/v1/namespaces/a/pods/p"))).isTrue();
        assertThat(rules.allows(ApiCall.of("PATCH", "/api/v1/namespaces/a/pods/p/status"))).isFalse();
        assertThat(rules.allows(ApiCall.of("GET", "/api/v1/pods"))).isFalse();
        assertThat(rules.allows(ApiCall.of("GET", "/apis/networking.k8s.io/v1/networkpolicies"))).isTrue();
        assertThat(rules.allows(ApiCall.of("GET", "/apis/extensions/v1beta1/networkpolicies"))).isFalse();
        assertThat(rules.allows(ApiCall.of("GET", "/apis/networking.k8s.io/v1"))).isTrue();
        assertThat(rules.allows(ApiCall.of("GET", "/api"))).isFalse();
    }

    @Test
    void wildcardsAreHonouredAsTheAuthorizerDoes() {
        RoleRules rules = new RoleRules(new ClusterRoleBuilder().addNewRule().withApiGroups("*").withResources("*/status")
                .withVerbs("*").endRule().build());
        assertThat(rules.allows(ApiCall.of("PUT", "/api/v1/namespaces/a/pods/p/status"))).isTrue();
        assertThat(rules.allows(ApiCall.of("PUT", "/api/v1/namespaces/a/pods/p"))).isFalse();
    }
}
