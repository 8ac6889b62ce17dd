package io.calicoj.cli.codec;

import io.calicoj.model.InvalidResourceException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * The fields of one mapping in a resource document, read strictly: each value must have the
 * type Calico's API gives it, and {@link #finish} rejects any field that was not read, so a
 * misspelt or misplaced field is an error rather than silently dropped. Every error names the
 * field by its path from the resource root ({@code spec.ingress[0].source.nets[1]}) and the value.
 */
final class Fields {

    /** Calico's wording (calicoctl's {@code massageError}) for a field its API type does not have. */
    static final String UNKNOWN_FIELD = "field in document is not recognized or is in the wrong location";

    private final JsonNode node;
    private final String path;
    private final Set<String> read = new HashSet<>();

    private Fields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The mapping at {@code path}; an absent or null value reads as an empty mapping. */
    static Fields of(JsonNode node, String path) {
        if (node != null && !node.isNull() && !node.isMissingNode() && !node.isObject()) {
            throw new InvalidResourceException(path, show(node), "expected a mapping (key: value pairs)");
        }
        return new Fields(node, path);
    }

    String path() {
        return path;
    }

    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The value of {@code key}, or {@code null} when absent or explicitly null. */
    JsonNode raw(String key) {
        read.add(key);
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v;
    }

    boolean has(String key) {
        return node != null && node.isObject() && node.has(key) && !node.get(key).isNull();
    }

    String string(String key, String absent) {
        JsonNode v = raw(key);
        if (v == null) {
            return absent;
        }
        if (!v.isString()) {
            throw new InvalidResourceException(path(key), show(v), "expected a string");
        }
        return v.stringValue();
    }

    boolean bool(String key) {
        JsonNode v = raw(key);
        if (v == null) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new InvalidResourceException(path(key), show(v), "expected true or false");
        }
        return v.booleanValue();
    }

    Integer integer(String key) {
        JsonNode v = raw(key);
        return v == null ? null : integer(v, path(key));
    }

    static int integer(JsonNode v, String path) {
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new InvalidResourceException(path, show(v), "expected a whole number");
        }
        return v.intValue();
    }

    Double number(String key) {
        JsonNode v = raw(key);
        if (v == null) {
            return null;
        }
        if (!v.isNumber()) {
            throw new InvalidResourceException(path(key), show(v), "expected a number");
        }
        return v.doubleValue();
    }

    Fields object(String key) {
        return of(raw(key), path(key));
    }

    /** The elements of a sequence with their paths ({@code key[i]}); absent reads as empty. */
    List<Element> list(String key) {
        JsonNode v = raw(key);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new InvalidResourceException(path(key), show(v), "expected a list");
        }
        List<Element> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            out.add(new Element(v.get(i), path(key) + "[" + i + "]"));
        }
        return out;
    }

    List<String> strings(String key) {
        List<String> out = new ArrayList<>();
        for (Element e : list(key)) {
            out.add(e.string());
        }
        return out;
    }

    /** A mapping of strings to strings, such as labels. */
    Map<String, String> stringMap(String key) {
        Fields f = object(key);
        Map<String, String> out = new LinkedHashMap<>();
        if (f.node != null) {
            for (String k : f.node.propertyNames()) {
                out.put(k, f.string(k, ""));
            }
        }
        return out;
    }

    /** Every field name present, for mappings whose keys are free (FelixConfiguration). */
    List<String> names() {
        return node == null || !node.isObject() ? List.of() : List.copyOf(node.propertyNames());
    }

    /**
     * Fails on the first field that was not read.
     *
     * @param unsupported Calico fields that Calico/J does not implement, each with the reason
     */
    void finish(Map<String, String> unsupported) {
        for (String name : names()) {
            if (!read.contains(name)) {
                String reason = unsupported.get(name);
                throw new InvalidResourceException(path(name), show(node.get(name)),
                        reason != null ? reason : UNKNOWN_FIELD);
            }
        }
    }

    void finish() {
        finish(Map.of());
    }

    /** Marks fields as read without using them (server-set metadata). */
    void ignore(String... keys) {
        read.addAll(List.of(keys));
    }

    /** A value as an error shows it: scalars as their text, mappings and lists as compact JSON. */
    static String show(JsonNode v) {
        if (v == null) {
            return "";
        }
        return v.isValueNode() ? v.asString() : v.toString();
    }

    /** Runs a model constructor or parser, putting {@code prefix} in front of the field of any error. */
    static <T> T within(String prefix, Supplier<T> f) {
        try {
            return f.get();
        } catch (InvalidResourceException e) {
            throw e.within(prefix);
        }
    }

    /** Runs a parser, reporting any error at exactly {@code path}. */
    static <T> T at(String path, Supplier<T> f) {
        try {
            return f.get();
        } catch (InvalidResourceException e) {
            throw new InvalidResourceException(path, e.value(), e.reason());
        }
    }

    /** One element of a sequence. */
    record Element(JsonNode node, String path) {
        String string() {
            if (!node.isString()) {
                throw new InvalidResourceException(path, show(node), "expected a string");
            }
            return node.stringValue();
        }

        Fields fields() {
            return of(node, path);
        }
    }
}
