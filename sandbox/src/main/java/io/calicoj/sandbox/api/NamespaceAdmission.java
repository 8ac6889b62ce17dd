package io.calicoj.sandbox.api;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the real API server does to every namespace it stores: label it
 * {@code kubernetes.io/metadata.name: <name>} (policies select namespaces by that label).
 */
final class NamespaceAdmission {

    static final String NAME_LABEL = "kubernetes.io/metadata.name";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private NamespaceAdmission() {
    }

    /** The namespace JSON with the name label set; the input unchanged when it is not a namespace object. */
    static String mutate(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (!(root instanceof ObjectNode obj) || !"Namespace".equals(root.path("kind").asString(""))) {
                return body;
            }
            JsonNode metadata = obj.path("metadata");
            String name = metadata.path("name").asString("");
            if (name.isEmpty() || !(metadata instanceof ObjectNode meta)) {
                return body;
            }
            ObjectNode labels = meta.has("labels") && meta.get("labels").isObject()
                    ? (ObjectNode) meta.get("labels") : meta.putObject("labels");
            labels.put(NAME_LABEL, name);
            return JSON.writeValueAsString(obj);
        } catch (JacksonException e) {
            return body;
        }
    }
}
