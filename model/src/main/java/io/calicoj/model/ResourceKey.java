package io.calicoj.model;

import java.util.Objects;

/**
 * The identity of a resource: kind, namespace (empty for cluster-scoped kinds) and name.
 * {@link #toString()} is Calico's form, {@code NetworkPolicy(ns/name)} or {@code Profile(name)},
 * as used in messages such as {@code operation Apply is not supported on NetworkPolicy(x/knp.default.a)}.
 */
public record ResourceKey(ResourceKind kind, String namespace, String name) implements Comparable<ResourceKey> {

    public ResourceKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        if (kind.namespaced() == namespace.isEmpty()) {
            throw new IllegalArgumentException(kind + (kind.namespaced()
                    ? " is namespaced and needs a namespace" : " is cluster-scoped and takes no namespace")
                    + ": " + namespace + "/" + name);
        }
    }

    public static ResourceKey of(ResourceKind kind, String name) {
        return new ResourceKey(kind, "", name);
    }

    public static ResourceKey of(ResourceKind kind, String namespace, String name) {
        return new ResourceKey(kind, namespace, name);
    }

    /** {@code ns/name} or {@code name}. */
    public String qualifiedName() {
        return namespace.isEmpty() ? name : namespace + "/" + name;
    }

    @Override
    public int compareTo(ResourceKey o) {
        int c = kind.compareTo(o.kind);
        if (c != 0) {
            return c;
        }
        c = namespace.compareTo(o.namespace);
        return c != 0 ? c : name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return kind.kindName() + "(" + qualifiedName() + ")";
    }
}
