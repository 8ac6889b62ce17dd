package io.calicoj.sandbox.conformance;

import java.util.Objects;

/** A pod of the case model, written {@code ns/name} ({@code x/a}). */
public record PodRef(String namespace, String name) implements Comparable<PodRef> {

    public PodRef {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    public static PodRef parse(String text) {
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1 || text.indexOf('/', slash + 1) >= 0) {
            throw new CaseFormatException("a pod is written <namespace>/<name>, not \"" + text + "\"");
        }
        return new PodRef(text.substring(0, slash), text.substring(slash + 1));
    }

    @Override
    public int compareTo(PodRef o) {
        int c = namespace.compareTo(o.namespace);
        return c != 0 ? c : name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
