package io.calicoj.cli.codec;

import io.calicoj.model.InvalidResourceException;
import io.calicoj.model.Resource;
import io.calicoj.model.ResourceKind;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads the resources of a calicoctl {@code -f} file: YAML (one or more {@code ---} documents) or
 * JSON (one or more values); each document a resource, a {@code <Kind>List} (or {@code List})
 * with {@code items}, or a sequence of resources. Every document is parsed and validated before
 * anything is returned, so a bad file is rejected whole. The error names the file, the document
 * (1-based index, and the resource's kind and name when known), the field path and the value.
 */
public final class ResourceFileReader {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private ResourceFileReader() {
    }

    /**
     * @param source          the file name as the user gave it (or {@code stdin}), for messages
     * @param clientNamespace the {@code -n/--namespace} value, or empty
     * @throws ResourceFileException naming the document, field and value of the first problem
     */
    public static List<Resource> read(String source, String text, String clientNamespace) throws ResourceFileException {
        List<Resource> out = new ArrayList<>();
        int index = 0;
        for (JsonNode doc : documents(source, text)) {
            index++;
            if (doc == null || doc.isNull() || doc.isMissingNode()) {
                continue;
            }
            if (doc.isArray()) {
                for (int i = 0; i < doc.size(); i++) {
                    out.add(one(source, index, "[" + i + "]", doc.get(i), clientNamespace));
                }
            } else if (isList(doc)) {
                JsonNode items = doc.get("items");
                if (items != null && !items.isNull() && !items.isArray()) {
                    throw new ResourceFileException(source + ": document " + index + ": items: invalid value \""
                            + Fields.show(items) + "\": expected a list");
                }
                for (int i = 0; items != null && i < items.size(); i++) {
                    out.add(one(source, index, "items[" + i + "]", items.get(i), clientNamespace));
                }
            } else {
                out.add(one(source, index, "", doc, clientNamespace));
            }
        }
        return out;
    }

    private static boolean isList(JsonNode doc) {
        if (!doc.isObject() || !doc.path("kind").isString()) {
            return false;
        }
        String kind = doc.path("kind").stringValue();
        if (kind.equals("List")) {
            return true;
        }
        for (ResourceKind k : ResourceKind.values()) {
            if (kind.equalsIgnoreCase(k.kindName() + "List")) {
                return true;
            }
        }
        return false;
    }

    private static Resource one(String source, int index, String item, JsonNode node, String clientNamespace)
            throws ResourceFileException {
        try {
            return ResourceDecoder.decode(node, clientNamespace);
        } catch (InvalidResourceException e) {
            String where = source + ": document " + index + (item.isEmpty() ? "" : ", " + item) + describe(node);
            throw new ResourceFileException(e.forObject(where).getMessage(), e);
        }
    }

    /** {@code " (NetworkPolicy default/deny)"} from whatever the document says, or empty. */
    private static String describe(JsonNode node) {
        if (node == null || !node.isObject()) {
            return "";
        }
        String kind = node.path("kind").isString() ? node.path("kind").stringValue() : "";
        JsonNode meta = node.path("metadata");
        String name = meta.path("name").isString() ? meta.path("name").stringValue() : "";
        String ns = meta.path("namespace").isString() ? meta.path("namespace").stringValue() : "";
        String id = (ns.isEmpty() ? "" : ns + "/") + name;
        String text = (kind + " " + id).trim();
        return text.isEmpty() ? "" : " (" + text + ")";
    }

    private static List<JsonNode> documents(String source, String text) throws ResourceFileException {
        String trimmed = text.stripLeading();
        boolean json = trimmed.startsWith("{") || trimmed.startsWith("[");
        ObjectMapper mapper = json ? JSON : YAML;
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = mapper.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNextValue()) {
                docs.add(it.nextValue());
            }
        } catch (JacksonException e) {
            TokenStreamLocation loc = e.getLocation();
            String at = loc == null || loc.getLineNr() < 1 ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new ResourceFileException(source + ": document " + (docs.size() + 1) + ": invalid "
                    + (json ? "JSON" : "YAML") + at + ": " + problem(e.getOriginalMessage()), e);
        }
        return docs;
    }

    /** The parser's explanation without its source excerpts ({@code " in reader, line…"}, the marked line). */
    private static String problem(String s) {
        if (s == null) {
            return "unreadable";
        }
        StringBuilder sb = new StringBuilder();
        for (String line : s.split("\n")) {
            if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                sb.append(sb.length() == 0 ? "" : ": ").append(line.strip());
            }
        }
        return sb.length() == 0 ? s.strip() : sb.toString();
    }
}
