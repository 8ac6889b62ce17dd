package io.calicoj.datastore;

import io.calicoj.model.Resource;
import io.calicoj.model.ResourceKey;
import java.util.Objects;

/**
 * The resource with this key now has this value (created or changed).
 *
 * @param revision the datastore's revision of the value (Kubernetes resourceVersion, etcd index), may be empty
 */
public record Upsert(ResourceKey key, Resource value, String revision) implements Update {

    public Upsert {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(revision, "revision");
        if (!value.key().equals(key)) {
            throw new IllegalArgumentException("value " + value.key() + " does not have key " + key);
        }
    }

    public static Upsert of(Resource value) {
        return new Upsert(value.key(), value, value.metadata().resourceVersion());
    }
}
