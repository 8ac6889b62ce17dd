package io.calicoj.deploy;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a ClusterRole grants, as the RBAC authorizer reads its rules: a request is allowed when one
 * rule names its API group, resource (with subresource) and verb — or, for a non-resource URL, the
 * URL and verb. {@code *} is honoured here only so that a rule using it is judged correctly; the
 * manifests' tests refuse it.
 */
final class RoleRules {

    private final List<PolicyRule> rules;

    RoleRules(ClusterRole role) {
        this.rules = role.getRules() == null ? List.of() : List.copyOf(role.getRules());
    }

    boolean allows(ApiCall call) {
        for (PolicyRule r : rules) {
            if (call.isResource()) {
                if (matches(r.getApiGroups(), call.apiGroup()) && resourceMatches(r.getResources(), call.resource())
                        && matches(r.getVerbs(), call.verb()) && (r.getResourceNames() == null || r.getResourceNames().isEmpty())) {
                    return true;
                }
            } else if (urlMatches(r.getNonResourceURLs(), call.nonResourceUrl()) && matches(r.getVerbs(), call.verb())) {
                return true;
            }
        }
        return false;
    }

    /** Every (group, resource, verb) the rules spell out, one call each. */
    Set<ApiCall> grants() {
        Set<ApiCall> out = new LinkedHashSet<>();
        for (PolicyRule r : rules) {
            for (String g : nullToEmpty(r.getApiGroups())) {
                for (String res : nullToEmpty(r.getResources())) {
                    for (String v : nullToEmpty(r.getVerbs())) {
                        out.add(ApiCall.resource(g, res, v));
                    }
                }
            }
        }
        return out;
    }

    /** Every string of every rule (groups, resources, verbs, names, URLs): for the no-wildcard check. */
    List<String> allStrings() {
        return rules.stream().flatMap(r -> java.util.stream.Stream.of(r.getApiGroups(), r.getResources(), r.getVerbs(),
                r.getResourceNames(), r.getNonResourceURLs())).flatMap(l -> nullToEmpty(l).stream()).toList();
    }

    private static List<String> nullToEmpty(List<String> l) {
        return l == null ? List.of() : l;
    }

    private static boolean matches(List<String> allowed, String value) {
        return allowed != null && (allowed.contains("*") || allowed.contains(value));
    }

    /** {@code *}, the resource itself, or a star followed by its {@code /<subresource>} (the authorizer's ResourceMatches). */
    private static boolean resourceMatches(List<String> allowed, String resource) {
        if (matches(allowed, resource)) {
            return true;
        }
        int slash = resource.indexOf('/');
        return slash > 0 && allowed.contains("*" + resource.substring(slash));
    }

    /** {@code *}, the URL itself, or a prefix ending in {@code *} (the authorizer's NonResourceURLMatches). */
    private static boolean urlMatches(List<String> allowed, String url) {
        if (allowed == null) {
            return false;
        }
        for (String a : allowed) {
            if (a.equals("*") || a.equals(url) || (a.endsWith("*") && url.startsWith(a.substring(0, a.length() - 1)))) {
                return true;
            }
        }
        return false;
    }
}
