package io.calicoj.model;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Metadata shared by every resource. {@code namespace} is empty for cluster-scoped resources;
 * {@code resourceVersion}, {@code uid} and {@code creationTimestamp} are empty when unknown.
 */
public record ObjectMeta(
        String name,
        String namespace,
        Map<String, String> labels,
        Map<String, String> annotations,
        String resourceVersion,
        String uid,
        String creationTimestamp) {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.\\-/:]{1,253}");
    private static final Pattern LABEL_KEY = Pattern.compile("([a-zA-Z0-9.\\-]{1,253}/)?[a-zA-Z0-9]([a-zA-Z0-9_.\\-]{0,61}[a-zA-Z0-9])?");
    private static final Pattern LABEL_VALUE = Pattern.compile("([a-zA-Z0-9]([a-zA-Z0-9_.\\-]{0,61}[a-zA-Z0-9])?)?");

    public ObjectMeta {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(resourceVersion, "resourceVersion");
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(creationTimestamp, "creationTimestamp");
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
        if (!NAME.matcher(name).matches()) {
            throw new InvalidResourceException("metadata.name", name,
                    "names are 1-253 characters of letters, digits, '_', '.', '-', '/' and ':'");
        }
        if (!namespace.isEmpty() && !NAME.matcher(namespace).matches()) {
            throw new InvalidResourceException("metadata.namespace", namespace, "not a valid namespace name");
        }
        for (Map.Entry<String, String> e : labels.entrySet()) {
            checkLabel("metadata.labels", e.getKey(), e.getValue());
        }
    }

    /** Validates one label against Kubernetes' (and Calico's) label rules. */
    public static void checkLabel(String field, String key, String value) {
        checkLabelKey(field, key);
        checkLabelValue(field + "." + key, value);
    }

    public static void checkLabelKey(String field, String key) {
        if (!LABEL_KEY.matcher(key).matches()) {
            throw new InvalidResourceException(field, key,
                    "label keys are an optional DNS prefix and '/', then 1-63 letters, digits, '-', '_' or '.', starting and ending alphanumeric");
        }
    }

    public static void checkLabelValue(String field, String value) {
        if (!LABEL_VALUE.matcher(value).matches()) {
            throw new InvalidResourceException(field, value,
                    "label values are 0-63 letters, digits, '-', '_' or '.', starting and ending alphanumeric");
        }
    }

    public static ObjectMeta named(String name) {
        return new ObjectMeta(name, "", Map.of(), Map.of(), "", "", "");
    }

    public static ObjectMeta namespaced(String namespace, String name) {
        return new ObjectMeta(name, namespace, Map.of(), Map.of(), "", "", "");
    }

    public ObjectMeta withLabels(Map<String, String> newLabels) {
        return new ObjectMeta(name, namespace, newLabels, annotations, resourceVersion, uid, creationTimestamp);
    }

    public ObjectMeta withAnnotations(Map<String, String> newAnnotations) {
        return new ObjectMeta(name, namespace, labels, newAnnotations, resourceVersion, uid, creationTimestamp);
    }

    public ObjectMeta withResourceVersion(String newResourceVersion) {
        return new ObjectMeta(name, namespace, labels, annotations, newResourceVersion, uid, creationTimestamp);
    }

    public ObjectMeta withUid(String newUid) {
        return new ObjectMeta(name, namespace, labels, annotations, resourceVersion, newUid, creationTimestamp);
    }

    public ObjectMeta withCreationTimestamp(String timestamp) {
        return new ObjectMeta(name, namespace, labels, annotations, resourceVersion, uid, timestamp);
    }
}
