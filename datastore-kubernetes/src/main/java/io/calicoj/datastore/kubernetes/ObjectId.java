package io.calicoj.datastore.kubernetes;

/** A Kubernetes object's identity within its type: namespace (empty when cluster-scoped) and name. */
record ObjectId(String namespace, String name) {

    /** With the namespace interned: thousands of pods share a few namespace strings. */
    static ObjectId of(String namespace, String name) {
        return new ObjectId(namespace == null ? "" : namespace.intern(), name);
    }

    @Override
    public String toString() {
        return namespace.isEmpty() ? name : namespace + "/" + name;
    }
}
