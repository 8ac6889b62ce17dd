package io.calicoj.cni;

import io.calicoj.datastore.kubeapi.KubeJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** JSON for the plugin: the lean Kubernetes client's mapper (tree model only: no data binding, so few classes load). */
final class Json {

    static final JsonMapper MAPPER = KubeJson.MAPPER;

    private Json() {
    }

    /** Parses a JSON object; anything else is a decoding failure naming {@code what}. */
    static ObjectNode parseObject(String text, String what) throws CniException {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new CniException(CniException.DECODING_FAILURE,
                    "error decoding " + what + ": " + e.getOriginalMessage());
        }
        if (node == null || node.isMissingNode() || !node.isObject()) {
            throw new CniException(CniException.DECODING_FAILURE,
                    "error decoding " + what + ": expected a JSON object");
        }
        return (ObjectNode) node;
    }

    static String write(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** A string field; empty when absent or null; an error naming the field when it is not a string. */
    static String string(JsonNode parent, String field, String path) throws CniException {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            return "";
        }
        if (!v.isString()) {
            throw new CniException(CniException.INVALID_NETWORK_CONFIG,
                    path + ": expected a string, got " + v);
        }
        return v.asString();
    }

    /** An object field; an empty object when absent or null; an error when it is something else. */
    static JsonNode object(JsonNode parent, String field, String path) throws CniException {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            return MAPPER.createObjectNode();
        }
        if (!v.isObject()) {
            throw new CniException(CniException.INVALID_NETWORK_CONFIG,
                    path + ": expected an object, got " + v);
        }
        return v;
    }
}
