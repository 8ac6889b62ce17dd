package io.calicoj.json;

import java.io.StringWriter;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLFactory;

/**
 * JSON (and YAML) as Jackson trees for the short-lived programs, without an {@code ObjectMapper}:
 * building one costs a fresh JVM 40–150 ms (class initialisation of the whole data-binding
 * machinery), while the streaming parser and generator, which do the real work, cost a few. The
 * trees are Jackson's own ({@link JsonNode}), read and written the way a mapper's
 * {@code readTree}/{@code writeValueAsString} would: one document (anything after it is an error),
 * later duplicate keys win, integers as int/long/big nodes, compact output.
 */
public final class JsonTrees {

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTrees() {
    }

    /**
     * The JSON value of {@code json}; a missing node when there is none.
     *
     * @throws JacksonException when it is not JSON, or more than one value
     */
    public static JsonNode parse(byte[] json) {
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), json)) {
            return tree(p);
        }
    }

    /** As {@link #parse(byte[])}. */
    public static JsonNode parse(String json) {
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), json)) {
            return tree(p);
        }
    }

    /**
     * A YAML document, or a JSON one (JSON is YAML): a document that starts with <code>{</code> is
     * read as JSON, so that the YAML parser's classes load only for YAML.
     *
     * @throws JacksonException when it is neither, or more than one document
     */
    public static JsonNode parseYamlOrJson(String text) {
        if (text.strip().startsWith("{")) {
            return parse(text);
        }
        return Yaml.parse(text);
    }

    /** The YAML parser, in a class of its own so that only YAML documents load it. */
    private static final class Yaml {
        private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

        static JsonNode parse(String yaml) {
            try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), yaml)) {
                return tree(p);
            }
        }
    }

    /** {@code node} as compact JSON. */
    public static String write(JsonNode node) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            write(node, g);
        }
        return out.toString();
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    private static JsonNode tree(JsonParser p) {
        JsonToken first = p.nextToken();
        if (first == null) {
            return NODES.missingNode();
        }
        JsonNode tree = value(p, first);
        JsonToken trailing = p.nextToken();
        if (trailing != null) {
            throw new StreamReadException(p, "Trailing token (" + trailing + ") found after the document");
        }
        return tree;
    }

    private static JsonNode value(JsonParser p, JsonToken t) throws JacksonException {
        switch (t) {
            case START_OBJECT: {
                ObjectNode o = NODES.objectNode();
                for (String name = p.nextName(); name != null; name = p.nextName()) {
                    o.set(name, value(p, p.nextToken()));
                }
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = NODES.arrayNode();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    a.add(value(p, e));
                }
                return a;
            }
            case VALUE_STRING:
                return NODES.stringNode(p.getString());
            case VALUE_NUMBER_INT:
                switch (p.getNumberType()) {
                    case INT:
                        return NODES.numberNode(p.getIntValue());
                    case LONG:
                        return NODES.numberNode(p.getLongValue());
                    default:
                        return NODES.numberNode(p.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                // VALUE_EMBEDDED_OBJECT (YAML binary): as text.
                return NODES.stringNode(p.getString());
        }
    }

    private static void write(JsonNode n, JsonGenerator g) throws JacksonException {
        if (n.isObject()) {
            g.writeStartObject();
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                g.writeName(e.getKey());
                write(e.getValue(), g);
            }
            g.writeEndObject();
        } else if (n.isArray()) {
            g.writeStartArray();
            for (JsonNode e : n) {
                write(e, g);
            }
            g.writeEndArray();
        } else if (n.isString()) {
            g.writeString(n.stringValue());
        } else if (n.isInt()) {
            g.writeNumber(n.intValue());
        } else if (n.isLong()) {
            g.writeNumber(n.longValue());
        } else if (n.isBigInteger()) {
            g.writeNumber(n.bigIntegerValue());
        } else if (n.isBigDecimal()) {
            g.writeNumber(n.decimalValue());
        } else if (n.isNumber()) {
            g.writeNumber(n.doubleValue());
        } else if (n.isBoolean()) {
            g.writeBoolean(n.booleanValue());
        } else if (n.isNull() || n.isMissingNode()) {
            g.writeNull();
        } else {
            g.writeString(n.asString());
        }
    }
}
