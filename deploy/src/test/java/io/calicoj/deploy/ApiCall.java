package io.calicoj.deploy;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One Kubernetes API request as RBAC sees it, from its method and path: the API group, the resource
 * (with its subresource, as RBAC names it: {@code pods/status}) and the verb — or, for paths outside
 * the resource API ({@code /api}, {@code /version}, …), a non-resource URL and its verb.
 *
 * <p>Verbs as the API server's request-info resolver assigns them: GET of a collection is
 * {@code list}, or {@code watch} with {@code watch=true}; GET of a name is {@code get}; POST
 * {@code create}, PUT {@code update}, PATCH {@code patch}, DELETE of a name {@code delete} and of a
 * collection {@code deletecollection}. The old {@code /api/v1/watch/...} paths are watches too.
 *
 * @param apiGroup        {@code ""} for the core group; empty for a non-resource URL
 * @param resource        {@code pods}, {@code pods/status}, …; empty for a non-resource URL
 * @param verb            {@code get}, {@code list}, {@code watch}, {@code create}, …
 * @param nonResourceUrl  the path of a non-resource request, else empty
 */
record ApiCall(String apiGroup, String resource, String verb, String nonResourceUrl) {

    private static final List<String> NAMESPACE_SUBRESOURCES = List.of("status", "finalize");

    /** Verbs that change something. */
    static final List<String> WRITE_VERBS = List.of("create", "update", "patch", "delete", "deletecollection");

    ApiCall {
        Objects.requireNonNull(apiGroup, "apiGroup");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(nonResourceUrl, "nonResourceUrl");
    }

    static ApiCall resource(String apiGroup, String resource, String verb) {
        return new ApiCall(apiGroup, resource, verb, "");
    }

    boolean isResource() {
        return nonResourceUrl.isEmpty();
    }

    boolean isWrite() {
        return WRITE_VERBS.contains(verb);
    }

    /**
     * @param method an HTTP method
     * @param target the request target: path and query, as the server received it
     */
    static ApiCall of(String method, String target) {
        URI uri = URI.create(target);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        List<String> segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
        String m = method.toUpperCase(Locale.ROOT);

        int versionAt;
        String group;
        if (segments.size() >= 2 && segments.get(0).equals("api")) {
            group = "";
            versionAt = 1;
        } else if (segments.size() >= 3 && segments.get(0).equals("apis")) {
            group = segments.get(1);
            versionAt = 2;
        } else {
            return new ApiCall("", "", m.toLowerCase(Locale.ROOT), path.isEmpty() ? "/" : path);
        }
        List<String> rest = segments.subList(versionAt + 1, segments.size());
        if (rest.isEmpty()) {
            // /api/v1, /apis/<group>/<version>: discovery.
            return new ApiCall("", "", m.toLowerCase(Locale.ROOT), path);
        }
        boolean watchPath = false;
        if (rest.get(0).equals("watch")) {
            watchPath = true;
            rest = rest.subList(1, rest.size());
        }
        // namespaces/<ns>/<resource>... is a namespaced resource; namespaces[/<name>[/status|finalize]] the
        // namespaces themselves (the API server's request-info rule).
        if (rest.size() >= 3 && rest.get(0).equals("namespaces") && !NAMESPACE_SUBRESOURCES.contains(rest.get(2))) {
            rest = rest.subList(2, rest.size());
        }
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("no resource in " + target);
        }
        String resource = rest.get(0);
        boolean named = rest.size() >= 2;
        if (rest.size() >= 3) {
            resource = resource + "/" + String.join("/", rest.subList(2, rest.size()));
        }
        String verb = switch (m) {
            case "GET", "HEAD" -> watchPath || isWatch(query) ? "watch" : named ? "get" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> throw new IllegalArgumentException("unexpected method " + method + " for " + target);
        };
        return resource(group, resource, verb);
    }

    private static boolean isWatch(String query) {
        for (String p : query.split("&")) {
            if (p.equals("watch=true") || p.equals("watch=1")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return isResource() ? verb + " " + (apiGroup.isEmpty() ? "" : apiGroup + "/") + resource : verb + " " + nonResourceUrl;
    }
}
