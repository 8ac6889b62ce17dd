package io.calicoj.cni.plugin;

import io.calicoj.json.JsonTrees;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON for the plugin: Jackson trees read and written by {@link JsonTrees}, as the lean Kubernetes client's
 * (no data binding and no {@code ObjectMapper}, so a fresh JVM starts fast).
 */
final class Json {

    private Json() {
    }

    /** Parses a JSON object; anything else is a decoding failure naming {@code what}. */
    static ObjectNode parseObject(String text, String what) throws CniException {
        JsonNode node;
        try {
            node = JsonTrees.parse(text);
        } catch (JacksonException e) {
            throw new CniException(CniException.DECODING_FAILURE,
                    "error decoding " + what + ": " + e.getOriginalMessage());
        }
        if (!node.isObject()) {
            throw new CniException(CniException.DECODING_FAILURE,
                    "error decoding " + what + ": expected a JSON object");
        }
        return (ObjectNode) node;
    }

    static String write(JsonNode node) {
        return JsonTrees.write(node);
    }

    static ObjectNode object() {
        return JsonTrees.object();
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
            return JsonTrees.object();
        }
        if (!v.isObject()) {
            throw new CniException(CniException.INVALID_NETWORK_CONFIG,
                    path + ": expected an object, got " + v);
        }
        return v;
    }
}
