package io.calicoj.cni.plugin;

import java.util.Objects;

/** A pod's namespace and name, as the kubelet passes them in {@code CNI_ARGS}. */
record PodRef(String namespace, String name) {

    PodRef {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
