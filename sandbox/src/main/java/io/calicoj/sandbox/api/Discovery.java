package io.calicoj.sandbox.api;

import java.util.List;

/**
 * The API discovery documents the sandbox's API server serves, so that the real {@code kubectl}
 * can find the resources it knows: core v1 (pods, namespaces, nodes, …) and
 * {@code networking.k8s.io/v1} (networkpolicies).
 */
final class Discovery {

    private Discovery() {
    }

    private record Resource(String name, String singular, boolean namespaced, String kind, List<String> shortNames,
                            boolean subresource) {
    }

    private static final List<String> VERBS = List.of("create", "delete", "deletecollection", "get", "list", "patch",
            "update", "watch");

    private static final List<Resource> CORE = List.of(
            new Resource("pods", "pod", true, "Pod", List.of("po"), false),
            new Resource("pods/status", "", true, "Pod", List.of(), true),
            new Resource("namespaces", "namespace", false, "Namespace", List.of("ns"), false),
            new Resource("nodes", "node", false, "Node", List.of("no"), false),
            new Resource("nodes/status", "", false, "Node", List.of(), true),
            new Resource("services", "service", true, "Service", List.of("svc"), false),
            new Resource("serviceaccounts", "serviceaccount", true, "ServiceAccount", List.of("sa"), false),
            new Resource("configmaps", "configmap", true, "ConfigMap", List.of("cm"), false),
            new Resource("secrets", "secret", true, "Secret", List.of(), false),
            new Resource("events", "event", true, "Event", List.of("ev"), false));

    private static final List<Resource> NETWORKING = List.of(
            new Resource("networkpolicies", "networkpolicy", true, "NetworkPolicy", List.of("netpol"), false));

    static String apiVersions(String serverAddress) {
        return "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":"
                + "[{\"clientCIDR\":\"0.0.0.0/0\",\"serverAddress\":\"" + serverAddress + "\"}]}";
    }

    static String apiGroupList() {
        return "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[" + group("networking.k8s.io") + "]}";
    }

    private static String group(String name) {
        String gv = "{\"groupVersion\":\"" + name + "/v1\",\"version\":\"v1\"}";
        return "{\"name\":\"" + name + "\",\"versions\":[" + gv + "],\"preferredVersion\":" + gv + "}";
    }

    static String coreResources() {
        return resourceList("v1", CORE);
    }

    static String networkingResources() {
        return resourceList("networking.k8s.io/v1", NETWORKING);
    }

    private static String resourceList(String groupVersion, List<Resource> resources) {
        StringBuilder sb = new StringBuilder("{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\"")
                .append(groupVersion).append("\",\"resources\":[");
        for (int i = 0; i < resources.size(); i++) {
            Resource r = resources.get(i);
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"name\":\"").append(r.name()).append("\",\"singularName\":\"").append(r.singular())
                    .append("\",\"namespaced\":").append(r.namespaced()).append(",\"kind\":\"").append(r.kind())
                    .append("\",\"verbs\":").append(r.subresource() ? "[\"get\",\"patch\",\"update\"]" : json(VERBS));
            if (!r.shortNames().isEmpty()) {
                sb.append(",\"shortNames\":").append(json(r.shortNames()));
            }
            sb.append('}');
        }
        return sb.append("]}").toString();
    }

    private static String json(List<String> items) {
        return "[" + String.join(",", items.stream().map(s -> "\"" + s + "\"").toList()) + "]";
    }

    /** The OpenAPI v3 index: one document per group version. */
    static String openApiV3Index() {
        return "{\"paths\":{\"api/v1\":{\"serverRelativeURL\":\"/openapi/v3/api/v1?hash=calicoj1\"},"
                + "\"apis/networking.k8s.io/v1\":{\"serverRelativeURL\":\"/openapi/v3/apis/networking.k8s.io/v1?hash=calicoj1\"}}}";
    }

    /**
     * A minimal OpenAPI v3 document for a group version: one PATCH operation per kind, carrying
     * the {@code fieldValidation} query parameter. That is all kubectl looks for to leave schema
     * validation to the server (which, being the mock, accepts what it is given).
     */
    static String openApiV3Document(String groupVersionPath) {
        boolean core = groupVersionPath.equals("api/v1");
        List<Resource> resources = core ? CORE : NETWORKING;
        String group = core ? "" : "networking.k8s.io";
        StringBuilder paths = new StringBuilder();
        for (Resource r : resources) {
            if (r.subresource()) {
                continue;
            }
            if (paths.length() > 0) {
                paths.append(',');
            }
            String path = "/" + groupVersionPath + (r.namespaced() ? "/namespaces/{namespace}/" : "/") + r.name() + "/{name}";
            paths.append('"').append(path).append("\":{\"patch\":{\"x-kubernetes-group-version-kind\":{\"group\":\"")
                    .append(group).append("\",\"version\":\"v1\",\"kind\":\"").append(r.kind())
                    .append("\"},\"parameters\":[{\"name\":\"fieldValidation\",\"in\":\"query\",\"schema\":{\"type\":\"string\"}}],")
                    .append("\"responses\":{\"200\":{\"description\":\"OK\"}}}}");
        }
        return "{\"openapi\":\"3.0.0\",\"info\":{\"title\":\"Kubernetes (calico-sandbox)\",\"version\":\"v1.32.0\"},"
                + "\"paths\":{" + paths + "},\"components\":{\"schemas\":{}}}";
    }
}
