package io.calicoj.datastore;

import io.calicoj.model.ResourceKey;
import java.util.Objects;

/** The resource with this key no longer exists (or is no longer valid, which Felix treats the same). */
public record Deletion(ResourceKey key) implements Update {

    public Deletion {
        Objects.requireNonNull(key, "key");
    }
}
